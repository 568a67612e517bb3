package org.nakamoto.chain.mempool;

import org.nakamoto.chain.model.Transaction;

/**
 * A transaction waiting in the mempool, with what mining and eviction rank it by.
 *
 * @param fee         satoshis the transaction leaves to the miner
 * @param sequence    order of admission, so parents (admitted first) sort before children
 * @param timeSeconds when it entered, in the node's clock
 * @param height      the tip height when it entered
 * @param sigOps      legacy plus pay-to-script-hash signature operations, as blocks count them
 */
public record MempoolEntry(Transaction tx, long fee, long sequence, long timeSeconds, int height, int sigOps) {

    /** An entry whose sigops are the legacy count alone (it spends no pay-to-script-hash outputs). */
    public MempoolEntry(Transaction tx, long fee, long sequence, long timeSeconds, int height) {
        this(tx, fee, sequence, timeSeconds, height, org.nakamoto.chain.consensus.BlockChecks.legacySigOps(tx));
    }

    public int size() {
        return tx.size();
    }

    /** Fee rate in satoshis per byte, as a double only for display and ordering. */
    public double feeRate() {
        return (double) fee / tx.size();
    }

    /**
     * Compares fee rates exactly (fee1/size1 vs fee2/size2) without division; the cross products are
     * compared as 128-bit numbers, since a large fee times a size can overflow a long.
     */
    public static int compareFeeRate(MempoolEntry a, MempoolEntry b) {
        long x = a.fee, y = b.size(), u = b.fee, v = a.size();
        int hi = Long.compare(Math.multiplyHigh(x, y), Math.multiplyHigh(u, v));
        return hi != 0 ? hi : Long.compareUnsigned(x * y, u * v);
    }
}
