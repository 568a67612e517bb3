package org.nakamoto.node.rpc;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One global rate for password guesses, whatever the number of connections. Core sleeps 250 ms after a wrong
 * password in one of its few worker threads, which serialises guesses; a per-request timer (what nakamoto
 * had) does not: 400 connections made 12,800 guesses in 8 s.
 * <p>
 * Here a wrong password closes the gate for {@code authFailureDelay}: no credentials at all are checked until
 * it reopens, so at most one guess per delay is ever evaluated (4 a second by default). Requests arriving
 * while the gate is closed wait in a queue of {@code maxPendingAuth} and are checked in turn when it reopens;
 * beyond that they are answered 503 without their credentials being looked at. Without wrong passwords the
 * gate is always open and a correct request waits for nothing.
 * <p>
 * Failures and refusals are logged as one summary line per {@code logInterval}, never one line per attempt
 * (every guess used to add a line to a debug.log that was never rotated).
 * <p>
 * Thread-safe: state is guarded by this; checks run outside the lock, on the thread that admits them (an event
 * loop or a Vert.x timer).
 */
final class AuthThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

    private final Vertx vertx;
    private final long delayNanos;
    private final int maxPending;
    private final long logIntervalNanos;
    /** Checks waiting for the gate. Guarded by this. */
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private long gateOpensAt;
    private boolean timerArmed;
    private long failures;
    private long refusals;
    private String lastFrom = "";
    private long lastLogNanos;
    private boolean flushArmed;

    AuthThrottle(Vertx vertx, RpcLimits limits) {
        this.vertx = vertx;
        this.delayNanos = limits.authFailureDelay().toNanos();
        this.maxPending = limits.maxPendingAuth();
        this.logIntervalNanos = limits.logInterval().toNanos();
        long now = System.nanoTime();
        this.gateOpensAt = now;
        this.lastLogNanos = now - logIntervalNanos;
    }

    /**
     * Runs {@code check} now if the gate is open and nobody waits, later in turn, or never: then
     * {@code refuse} runs at once. A check that finds a wrong password must call {@link #failed}.
     */
    void admit(Runnable check, Runnable refuse) {
        boolean runNow;
        synchronized (this) {
            runNow = pending.isEmpty() && System.nanoTime() - gateOpensAt >= 0;
            if (!runNow) {
                if (pending.size() < maxPending) {
                    pending.add(check);
                    armTimer();
                    return;
                }
                refusals++;
                summarise(System.nanoTime());
            }
        }
        (runNow ? check : refuse).run();
    }

    /** A check found a wrong password: closes the gate for the delay and counts the attempt. */
    void failed(String from) {
        synchronized (this) {
            long now = System.nanoTime();
            gateOpensAt = now + delayNanos;
            failures++;
            lastFrom = from;
            summarise(now);
        }
    }

    /** Runs waiting checks while the gate is open; a failing check closes it and the rest wait again. */
    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                timerArmed = false;
                if (pending.isEmpty()) {
                    return;
                }
                if (System.nanoTime() - gateOpensAt < 0) {
                    armTimer();
                    return;
                }
                next = pending.poll();
            }
            next.run();
        }
    }

    private void armTimer() {
        if (timerArmed) {
            return;
        }
        timerArmed = true;
        long waitMs = Math.max(1, (gateOpensAt - System.nanoTime() + 999_999) / 1_000_000);
        vertx.setTimer(waitMs, id -> drain());
    }

    /** At most one line per interval; what happens in between is flushed by a timer at its end. */
    private void summarise(long now) {
        if (failures + refusals == 0) {
            return;
        }
        long sinceLast = now - lastLogNanos;
        if (sinceLast < logIntervalNanos) {
            if (!flushArmed) {
                flushArmed = true;
                vertx.setTimer(Math.max(1, (logIntervalNanos - sinceLast) / 1_000_000), id -> flush());
            }
            return;
        }
        LOG.warn("RPC: {} incorrect password attempt(s) since the last report, the latest from {}; {} more refused "
                + "unchecked with {} already waiting (one guess per {} ms at most)", failures, lastFrom, refusals,
                maxPending, delayNanos / 1_000_000);
        failures = 0;
        refusals = 0;
        lastLogNanos = now;
    }

    private synchronized void flush() {
        flushArmed = false;
        summarise(System.nanoTime());
    }
}
