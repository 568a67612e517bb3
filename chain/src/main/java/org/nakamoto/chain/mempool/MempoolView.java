package org.nakamoto.chain.mempool;

import java.util.List;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;

/**
 * Read-only access to the mempool, for anyone (RPC handlers, the miner, the network's data server):
 * holds no mutator and cannot be turned into one, as {@code ChainView} for chain state. Admission goes
 * through the chain writer, which alone holds the {@link Mempool}.
 *
 * <p>Thread-safe: each call reads under the mempool's monitor and returns immutable values.
 */
public final class MempoolView {
    private final Mempool pool;

    MempoolView(Mempool pool) {
        this.pool = pool;
    }

    /** A counter that changes whenever the pool's contents do. */
    public long changeCount() {
        return pool.changeCount();
    }

    public int size() {
        return pool.size();
    }

    public long bytes() {
        return pool.bytes();
    }

    public boolean contains(Hash256 txid) {
        return pool.contains(txid);
    }

    /** The entry for {@code txid}, or null. */
    public MempoolEntry get(Hash256 txid) {
        return pool.get(txid);
    }

    public int orphanCount() {
        return pool.orphanCount();
    }

    /** Every entry, parents before children. */
    public List<MempoolEntry> entries() {
        return pool.entries();
    }

    /** The pool transaction spending {@code op}, or null. */
    public Hash256 spender(OutPoint op) {
        return pool.spender(op);
    }

    /** Entries, highest fee rate first; a child may precede its parent. */
    public List<MempoolEntry> byFeeRate() {
        return pool.byFeeRate();
    }

    public MempoolPolicy policy() {
        return pool.policy();
    }
}
