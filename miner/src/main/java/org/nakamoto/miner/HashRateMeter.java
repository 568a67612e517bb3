package org.nakamoto.miner;

/**
 * Hashes per second, per worker and in total, from periodic samples of {@link HashCounters}. Sampled by
 * one thread; read by any (the rates are published through a volatile array).
 */
public final class HashRateMeter {
    private final HashCounters counters;
    private long[] lastCounts;
    private long lastNanos;
    private volatile double[] rates;

    public HashRateMeter(HashCounters counters) {
        this.counters = counters;
        this.lastCounts = new long[counters.workers()];
        this.rates = new double[counters.workers()];
        this.lastNanos = System.nanoTime();
    }

    /** Takes a sample; call at a steady interval from one thread. */
    public synchronized void sample() {
        long now = System.nanoTime();
        double secs = (now - lastNanos) / 1e9;
        if (secs <= 0) {
            return;
        }
        long[] counts = new long[counters.workers()];
        double[] r = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = counters.get(i);
            r[i] = (counts[i] - lastCounts[i]) / secs;
        }
        lastCounts = counts;
        lastNanos = now;
        rates = r;
    }

    public double total() {
        double sum = 0;
        for (double r : rates) {
            sum += r;
        }
        return sum;
    }

    public double worker(int i) {
        return rates[i];
    }

    public int workers() {
        return rates.length;
    }
}
