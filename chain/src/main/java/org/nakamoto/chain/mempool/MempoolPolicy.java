package org.nakamoto.chain.mempool;

/**
 * Relay policy: not consensus, so each node may choose. Defaults follow Bitcoin Core's spirit:
 * 1 satoshi per byte minimum relay fee, a 300 MB pool, 100 orphans of up to 100 kB each.
 */
public record MempoolPolicy(long minRelayFeeSatPerKb, long maxBytes, int maxOrphans, int maxOrphanSize) {
    public static final MempoolPolicy DEFAULT = new MempoolPolicy(1000, 300L << 20, 100, 100_000);

    /** The smallest fee a transaction of {@code size} bytes must pay (Core's CFeeRate::GetFee: truncated, at least 1). */
    public long minFee(int size) {
        long fee = minRelayFeeSatPerKb * size / 1000;
        return fee == 0 && size > 0 && minRelayFeeSatPerKb > 0 ? 1 : fee;
    }
}
