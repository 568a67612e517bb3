package org.nakamoto.miner;

/**
 * How a {@link NonceSearcher} divides and paces its work.
 *
 * @param threads         worker threads
 * @param noncesPerHeader nonces searched per header before rolling: 2^32 in production, small in tests
 * @param checkInterval   nonces a worker hashes between looks at the job generation; bounds how long a
 *                        cancelled job keeps running: 2048 nonces is about 1 ms on the fast kernel and 2 ms on
 *                        the slowest, while one volatile read per batch costs nothing measurable
 */
public record SearchSettings(int threads, long noncesPerHeader, int checkInterval) {
    public static final long FULL_NONCE_RANGE = 1L << 32;
    public static final int DEFAULT_CHECK_INTERVAL = 2048;

    public SearchSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (noncesPerHeader < threads || noncesPerHeader > FULL_NONCE_RANGE) {
            throw new IllegalArgumentException("noncesPerHeader must be in [threads, 2^32], got " + noncesPerHeader);
        }
        if (checkInterval < 1) {
            throw new IllegalArgumentException("checkInterval must be >= 1, got " + checkInterval);
        }
    }

    /** One thread per available processor, the full nonce range. */
    public static SearchSettings defaults() {
        return withThreads(Runtime.getRuntime().availableProcessors());
    }

    public static SearchSettings withThreads(int threads) {
        return new SearchSettings(threads, FULL_NONCE_RANGE, DEFAULT_CHECK_INTERVAL);
    }
}
