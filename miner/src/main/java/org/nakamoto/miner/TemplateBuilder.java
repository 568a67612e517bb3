package org.nakamoto.miner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.BlockChecks;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.Retarget;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;

import org.nakamoto.chain.state.ChainView;

/**
 * Builds templates on the chain's current tip: bits from the retarget rule, time = max(median time
 * past + 1, now), and mempool transactions by fee rate (per virtual byte) with every parent before its
 * child, up to the block weight and sigop cost limits. Stateless and thread-safe.
 */
public final class TemplateBuilder {
    /** Weight kept free for the header, the transaction count and the coinbase (Core's miner: 4,000). */
    static final int COINBASE_WEIGHT_RESERVE = 4000;
    /** Sigop cost kept free for the coinbase (Core's miner reserves 400). */
    static final int COINBASE_SIGOPS_RESERVE = 400;

    private final ChainView chain;
    private final TxSource txs;
    private final LongSupplier clockSeconds;

    public TemplateBuilder(ChainView chain, TxSource txs, LongSupplier clockSeconds) {
        this.chain = chain;
        this.txs = txs;
        this.clockSeconds = clockSeconds;
    }

    public BlockTemplate build(Script payout) {
        BlockNode tip = chain.tip();
        NetworkParams params = chain.params();
        int height = tip.height() + 1;
        long bits = Retarget.nextWorkRequired(params, tip.ancestry());
        long time = Math.max(MedianTimePast.of(tip.ancestry()) + 1, clockSeconds.getAsLong());
        List<Transaction> chosen = new ArrayList<>();
        long fees = select(txs.entries(), params.maxBlockWeight() - COINBASE_WEIGHT_RESERVE,
                params.maxBlockSigOpsCost() - COINBASE_SIGOPS_RESERVE, chosen);
        return new BlockTemplate(height, tip.hash(), BlockTemplate.VERSION, time, bits,
                CompactTarget.decode(bits).value(), chosen, params.subsidyAt(height), fees, payout);
    }

    /**
     * Highest fee rate first among the transactions whose in-pool parents are all chosen; choosing one
     * makes its children eligible, so the result is in a valid order. Stays within the weight and
     * sigop cost limits. Returns the total fee chosen.
     */
    static long select(List<MempoolEntry> candidates, long maxWeight, int maxSigOpCost, List<Transaction> out) {
        Map<Hash256, MempoolEntry> byId = new HashMap<>();
        for (MempoolEntry e : candidates) {
            byId.put(e.tx().txid(), e);
        }
        Map<Hash256, List<MempoolEntry>> children = new HashMap<>();
        Map<Hash256, Integer> unchosenParents = new HashMap<>();
        PriorityQueue<MempoolEntry> eligible = new PriorityQueue<>(
                (a, b) -> {
                    int c = MempoolEntry.compareFeeRate(b, a);
                    return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
                });
        for (MempoolEntry e : candidates) {
            Set<Hash256> parents = new HashSet<>();
            for (TxIn in : e.tx().inputs()) {
                if (byId.containsKey(in.prevout().txid())) {
                    parents.add(in.prevout().txid());
                }
            }
            for (Hash256 p : parents) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
            }
            unchosenParents.put(e.tx().txid(), parents.size());
            if (parents.isEmpty()) {
                eligible.add(e);
            }
        }
        long fees = 0;
        long weight = 0;
        int sigOps = 0;
        while (!eligible.isEmpty()) {
            MempoolEntry e = eligible.poll();
            int txSigOps = e.sigOpCost();
            if (weight + e.weight() > maxWeight || sigOps + txSigOps > maxSigOpCost) {
                continue; // does not fit; its descendants never become eligible
            }
            out.add(e.tx());
            fees += e.fee();
            weight += e.weight();
            sigOps += txSigOps;
            for (MempoolEntry child : children.getOrDefault(e.tx().txid(), List.of())) {
                if (unchosenParents.merge(child.tx().txid(), -1, Integer::sum) == 0) {
                    eligible.add(child);
                }
            }
        }
        return fees;
    }
}
