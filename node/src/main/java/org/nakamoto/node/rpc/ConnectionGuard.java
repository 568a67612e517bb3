package org.nakamoto.node.rpc;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the RPC server's connections few and moving, so that sockets nobody uses cannot exhaust the node's
 * file descriptors (4,200 idle ones once stalled RPC for good).
 * <ul>
 * <li>Request timeout (Core's -rpcservertimeout): a connection that is not running a call must deliver a
 * complete request within the timeout of opening or of its previous reply, else it is closed. One rule
 * covers idle keep-alive connections, headers that never end and bodies that never arrive; a running call
 * is never cut short, however long it takes.</li>
 * <li>Connection cap: a connection beyond it evicts the oldest connection that the server is not holding
 * and that never got in with the password, else one that did but has been idle for a second (idle sockets
 * cannot lock honest clients out, and a flood of new connections does not close the connection of a
 * keep-alive client that keeps calling); when there is none (see {@link #busy}), the newcomer
 * is marked refused and its first request is answered 503 (Core's "Work queue depth exceeded").</li>
 * </ul>
 * A periodic sweep closes expired connections, so the timeout is honoured to within a tenth of itself
 * (at most one second late). Thread-safe: every method locks the guard; the work under the lock is a map
 * update, and closing a socket is only initiated there.
 */
final class ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    /** A refused connection gets this long to send the request its 503 answers. */
    private static final long REFUSED_GRACE_NANOS = 1_000_000_000L;
    /** An authenticated connection idle for less than this is not evicted. */
    private static final long AUTHENTICATED_GRACE_NANOS = 1_000_000_000L;

    private final Vertx vertx;
    private final long timeoutNanos;
    private final int maxConnections;
    private final long logIntervalNanos;
    private final LongSupplier nanoClock = System::nanoTime;
    /** Open connections, oldest first. Guarded by this. */
    private final Map<HttpConnection, State> open = new LinkedHashMap<>();
    private long sweepTimer = -1;
    private long evicted;
    private long refused;
    private long timedOut;
    private long lastLogNanos;

    private static final class State {
        /** When the connection is closed unless a request completes first; Long.MAX_VALUE while a call runs. */
        long deadline;
        final boolean refused;
        /** The Authorization header this connection got through with, or null. */
        byte[] accepted;

        State(long deadline, boolean refused) {
            this.deadline = deadline;
            this.refused = refused;
        }
    }

    ConnectionGuard(Vertx vertx, RpcLimits limits) {
        this.vertx = vertx;
        this.timeoutNanos = limits.requestTimeout().toNanos();
        this.maxConnections = limits.maxConnections();
        this.logIntervalNanos = limits.logInterval().toNanos();
        this.lastLogNanos = nanoClock.getAsLong() - logIntervalNanos;
    }

    /** Starts the sweep; call once before the server listens. */
    synchronized void start() {
        long period = Math.max(50, Math.min(1000, timeoutNanos / 10 / 1_000_000));
        sweepTimer = vertx.setPeriodic(period, id -> sweep());
    }

    synchronized void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
            sweepTimer = -1;
        }
    }

    /** The server's connection handler. */
    void opened(HttpConnection c) {
        HttpConnection victim = null;
        boolean refuse = false;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (open.size() >= maxConnections) {
                victim = oldestIdle(now);
                if (victim != null) {
                    open.remove(victim);
                    evicted++;
                } else {
                    refuse = true;
                    refused++;
                }
            }
            open.put(c, new State(now + (refuse ? Math.min(REFUSED_GRACE_NANOS, timeoutNanos) : timeoutNanos), refuse));
            summarise(now);
        }
        c.closeHandler(v -> closed(c));
        if (victim != null) {
            victim.close();
        }
    }

    /** True when the connection came beyond the cap while every other one was running a call. */
    synchronized boolean isRefused(HttpConnection c) {
        State s = open.get(c);
        return s != null && s.refused;
    }

    /**
     * The server holds the connection (a call runs, or its credentials wait for their check or its 401 for
     * its delay): no deadline until {@link #awaitClient} or a reply, and no eviction.
     */
    synchronized void busy(HttpConnection c) {
        State s = open.get(c);
        if (s != null) {
            s.deadline = Long.MAX_VALUE;
        }
    }

    /** The connection owes the server something again (a body, its next request): a full timeout for it. */
    synchronized void awaitClient(HttpConnection c) {
        State s = open.get(c);
        if (s != null && !s.refused) {
            s.deadline = nanoClock.getAsLong() + timeoutNanos;
        }
    }

    /**
     * The connection got through with this Authorization header: later requests carrying the same one skip the
     * password check and its queue, and the connection is the last to be evicted. Nothing is learned from that:
     * only a client that already knew the password has such a connection.
     */
    synchronized void authenticated(HttpConnection c, String authorization) {
        State s = open.get(c);
        if (s != null) {
            s.accepted = authorization.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Whether this connection already got through with exactly this Authorization header. */
    synchronized boolean authenticatedWith(HttpConnection c, String authorization) {
        State s = open.get(c);
        return s != null && s.accepted != null
                && MessageDigest.isEqual(s.accepted, authorization.getBytes(StandardCharsets.UTF_8));
    }

    synchronized int openConnections() {
        return open.size();
    }

    private synchronized void closed(HttpConnection c) {
        open.remove(c);
    }

    /**
     * The oldest idle connection that never authenticated; else the authenticated one idle the longest, if for
     * at least a second (a client that created a connection per call and left them open); else null. An
     * authenticated client that keeps calling keeps its connection through a flood of new ones.
     */
    private HttpConnection oldestIdle(long now) {
        HttpConnection stale = null;
        long staleDeadline = now + timeoutNanos - AUTHENTICATED_GRACE_NANOS;
        for (Map.Entry<HttpConnection, State> e : open.entrySet()) {
            State st = e.getValue();
            if (st.deadline == Long.MAX_VALUE) {
                continue;
            }
            if (st.accepted == null) {
                return e.getKey();
            }
            if (st.deadline - staleDeadline <= 0) { // idle since at least the grace
                staleDeadline = st.deadline;
                stale = e.getKey();
            }
        }
        return stale;
    }

    private void sweep() {
        List<HttpConnection> expired = new ArrayList<>();
        synchronized (this) {
            long now = nanoClock.getAsLong();
            for (Iterator<Map.Entry<HttpConnection, State>> it = open.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<HttpConnection, State> e = it.next();
                if (e.getValue().deadline != Long.MAX_VALUE && now - e.getValue().deadline >= 0) {
                    expired.add(e.getKey());
                    it.remove();
                }
            }
            timedOut += expired.size();
            summarise(now);
        }
        expired.forEach(HttpConnection::close);
    }

    /** One log line per interval at most, however many connections were dropped. Caller holds the lock. */
    private void summarise(long now) {
        if (evicted + refused + timedOut == 0 || now - lastLogNanos < logIntervalNanos) {
            return;
        }
        LOG.info("RPC connections: {} closed after {} s without a complete request, {} evicted and {} refused "
                        + "at the cap of {}; {} open", timedOut, timeoutNanos / 1_000_000_000.0, evicted, refused,
                maxConnections, open.size());
        evicted = 0;
        refused = 0;
        timedOut = 0;
        lastLogNanos = now;
    }
}
