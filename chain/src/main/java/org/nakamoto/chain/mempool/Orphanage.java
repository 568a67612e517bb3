package org.nakamoto.chain.mempool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;

/**
 * Transactions whose parents are unknown, waiting for them (Bitcoin Core's TxOrphanage). Bounded by the
 * policy's count and size limits; the oldest orphan goes first when full.
 *
 * <p>Not thread-safe: the {@link Mempool} that owns it guards it with its monitor.
 */
final class Orphanage {
    private final int maxOrphans;
    private final int maxOrphanSize;
    /** Arrival order, so the oldest is evicted first. */
    private final LinkedHashMap<Hash256, Transaction> orphans = new LinkedHashMap<>();

    Orphanage(MempoolPolicy policy) {
        this.maxOrphans = policy.maxOrphans();
        this.maxOrphanSize = policy.maxOrphanSize();
    }

    /** Keeps {@code tx} unless it is too large or already kept. */
    void add(Transaction tx) {
        if (tx.size() > maxOrphanSize || orphans.containsKey(tx.txid())) {
            return;
        }
        orphans.put(tx.txid(), tx);
        while (orphans.size() > maxOrphans) {
            orphans.remove(orphans.keySet().iterator().next());
        }
    }

    /** Takes out every orphan that spends an output of {@code parent}, in arrival order. */
    List<Transaction> takeChildrenOf(Hash256 parent) {
        List<Transaction> waiting = new ArrayList<>();
        for (Transaction o : orphans.values()) {
            for (TxIn in : o.inputs()) {
                if (in.prevout().txid().equals(parent)) {
                    waiting.add(o);
                    break;
                }
            }
        }
        for (Transaction o : waiting) {
            orphans.remove(o.txid());
        }
        return waiting;
    }

    /** Forgets {@code txid} (confirmed in a block). */
    void remove(Hash256 txid) {
        orphans.remove(txid);
    }

    int size() {
        return orphans.size();
    }
}
