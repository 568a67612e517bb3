package org.nakamoto.chain.mempool;

import org.nakamoto.chain.model.Transaction;

/**
 * A transaction waiting in the mempool, with what mining and eviction rank it by.
 *
 * @param fee         satoshis the transaction leaves to the miner
 * @param sequence    order of admission, so parents (admitted first) sort before children
 * @param timeSeconds when it entered, in the node's clock
 * @param height      the tip height when it entered
 * @param sigOpCost   signature operations as blocks count them since segwit: legacy and
 *                    pay-to-script-hash ones weigh four, witness ones one
 */
public record MempoolEntry(Transaction tx, long fee, long sequence, long timeSeconds, int height, int sigOpCost) {

    /** An entry whose sigops are the legacy count alone (it spends no pay-to-script-hash or witness outputs). */
    public MempoolEntry(Transaction tx, long fee, long sequence, long timeSeconds, int height) {
        this(tx, fee, sequence, timeSeconds, height,
                org.nakamoto.chain.consensus.BlockChecks.legacySigOps(tx) * Transaction.WITNESS_SCALE_FACTOR);
    }

    /** Serialized bytes with witnesses: what the entry costs the pool's memory bound. */
    public int size() {
        return tx.size();
    }

    /**
     * Virtual size as Core's mempool counts it: BIP 141's, or 20 bytes per unit of sigop cost when larger
     * ({@link MempoolPolicy#virtualSize}); what fee rates are measured in.
     */
    public long vsize() {
        return MempoolPolicy.virtualSize(tx.weight(), sigOpCost);
    }

    /** Weight (BIP141): what the entry takes of a block. */
    public long weight() {
        return tx.weight();
    }

    /** Fee rate in satoshis per virtual byte, as a double only for display and ordering. */
    public double feeRate() {
        return (double) fee / vsize();
    }

    /**
     * Compares fee rates per virtual byte exactly (fee1/vsize1 vs fee2/vsize2) without division; the
     * cross products are compared as 128-bit numbers, since a large fee times a size can overflow a long.
     */
    public static int compareFeeRate(MempoolEntry a, MempoolEntry b) {
        long x = a.fee, y = b.vsize(), u = b.fee, v = a.vsize();
        int hi = Long.compare(Math.multiplyHigh(x, y), Math.multiplyHigh(u, v));
        return hi != 0 ? hi : Long.compareUnsigned(x * y, u * v);
    }
}
