package org.nakamoto.miner;

import java.util.Arrays;

/**
 * The current job and its generation, shared by the searcher and its workers. Publishing a job or cancelling
 * bumps the generation; workers read it lock-free between batches of nonces and drop their work when it moved.
 * Idle workers block here and are woken by {@link #publish}, {@link #cancel} and {@link #close}; nobody polls.
 *
 * <p>All mutable fields are guarded by {@code this}; {@code generation} is also volatile so that the workers'
 * per-batch check needs no lock.
 */
final class JobBoard {
    /** A job as handed to a worker, with the generation it belongs to. */
    record Assignment(MiningJob job, long generation) {
    }

    private static final long WORKING = Long.MIN_VALUE;

    private volatile long generation;
    private MiningJob job;
    /** Per worker: the generation it last took while it waits in {@link #take}, or WORKING. */
    private final long[] waitingAfter;
    private boolean closed;

    JobBoard(int workers) {
        this.waitingAfter = new long[workers];
        Arrays.fill(waitingAfter, WORKING);
    }

    long generation() {
        return generation;
    }

    synchronized void publish(MiningJob newJob) {
        checkOpen();
        job = newJob;
        generation++;
        notifyAll();
    }

    synchronized void cancel() {
        checkOpen();
        job = null;
        generation++;
        notifyAll();
    }

    /** Ends the job if it is still generation {@code gen}; true for the one caller that did it. */
    synchronized boolean finish(long gen) {
        if (closed || generation != gen) {
            return false;
        }
        job = null;
        generation++;
        notifyAll();
        return true;
    }

    synchronized void close() {
        closed = true;
        job = null;
        generation++;
        notifyAll();
    }

    /**
     * Blocks worker {@code worker} until there is a job newer than {@code seen}; null once closed. While it waits
     * with nothing newer to take it counts as idle, which is how {@link #awaitIdle} learns that every worker has
     * let go of a cancelled, solved or exhausted job.
     */
    synchronized Assignment take(int worker, long seen) throws InterruptedException {
        waitingAfter[worker] = seen;
        notifyAll();
        try {
            while (!closed && (job == null || generation == seen)) {
                wait();
            }
            return closed ? null : new Assignment(job, generation);
        } finally {
            waitingAfter[worker] = WORKING;
        }
    }

    /** Waits until every worker waits in {@link #take} with no job it has not yet taken; false on timeout. */
    synchronized boolean awaitIdle(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!allIdle()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        return true;
    }

    private boolean allIdle() {
        for (long after : waitingAfter) {
            // A waiting worker still has work if a job it has not taken is up (it is about to wake for it).
            if (after == WORKING || job != null && after != generation) {
                return false;
            }
        }
        return true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("searcher closed");
        }
    }
}
