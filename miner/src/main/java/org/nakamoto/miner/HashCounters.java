package org.nakamoto.miner;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Hashes done per worker, for a hash-rate gauge. Each slot has a single writer (its worker), so it is advanced
 * with a plain read and a release store instead of an atomic add; readers use acquire loads. Slots sit 128 bytes
 * apart so that workers never write the same cache line.
 */
public final class HashCounters {
    private static final int STRIDE = 16; // longs: 128 bytes, two cache lines against adjacent-line prefetch

    private final AtomicLongArray slots;
    private final int workers;

    HashCounters(int workers) {
        this.workers = workers;
        this.slots = new AtomicLongArray((workers + 1) * STRIDE);
    }

    /** Only worker {@code worker} may call this. */
    void add(int worker, long hashes) {
        int i = (worker + 1) * STRIDE;
        slots.setRelease(i, slots.getPlain(i) + hashes);
    }

    public int workers() {
        return workers;
    }

    public long get(int worker) {
        return slots.getAcquire((worker + 1) * STRIDE);
    }

    public long total() {
        long sum = 0;
        for (int w = 0; w < workers; w++) {
            sum += get(w);
        }
        return sum;
    }
}
