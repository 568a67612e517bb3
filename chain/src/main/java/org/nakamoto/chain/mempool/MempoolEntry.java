package org.nakamoto.chain.mempool;

import org.nakamoto.chain.model.Transaction;

/**
 * A transaction waiting in the mempool, with what mining and eviction rank it by.
 *
 * @param fee         satoshis the transaction leaves to the miner
 * @param sequence    order of admission, so parents (admitted first) sort before children
 * @param timeSeconds when it entered, in the node's clock
 * @param height      the tip height when it entered
 */
public record MempoolEntry(Transaction tx, long fee, long sequence, long timeSeconds, int height) {
    public int size() {
        return tx.size();
    }

    /** Fee rate in satoshis per byte, as a double only for display and ordering. */
    public double feeRate() {
        return (double) fee / tx.size();
    }

    /** Compares fee rates exactly (fee1/size1 vs fee2/size2) without division. */
    public static int compareFeeRate(MempoolEntry a, MempoolEntry b) {
        return Long.compare(a.fee * (long) b.size(), b.fee * (long) a.size());
    }
}
