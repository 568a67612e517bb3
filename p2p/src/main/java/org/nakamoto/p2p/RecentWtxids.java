package org.nakamoto.p2p;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;

/**
 * The wtxid to txid of transactions this node recently took into its mempool, so that BIP339 peers, which
 * name transactions by wtxid, can be answered from a mempool indexed by txid, and their announcements of
 * transactions we already have are not fetched again. Bounded, oldest forgotten first; a forgotten entry
 * costs one redundant download or a notfound, never a wrong answer (the mempool is still asked).
 * Confined to the network context.
 */
final class RecentWtxids {
    static final int CAPACITY = 50_000;

    private final Map<Hash256, Hash256> txidByWtxid = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash256, Hash256> eldest) {
            return size() > CAPACITY;
        }
    };

    void add(Transaction tx) {
        txidByWtxid.put(tx.wtxid(), tx.txid());
    }

    /** The txid of a transaction named by wtxid; the wtxid itself when unknown (equal for transactions without witness). */
    Hash256 txidOf(Hash256 wtxid) {
        return txidByWtxid.getOrDefault(wtxid, wtxid);
    }

    boolean contains(Hash256 wtxid) {
        return txidByWtxid.containsKey(wtxid);
    }
}
