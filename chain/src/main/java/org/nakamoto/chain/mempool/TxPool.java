package org.nakamoto.chain.mempool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.state.ChainEvent;

/**
 * The mempool's container (Bitcoin Core's CTxMemPool without the admission logic): the admitted entries,
 * who spends which outpoint, a fee-rate index for eviction and mining, removal for a connected block and
 * the transactions of disconnected blocks waiting for re-admission after a reorganisation. Checks nothing:
 * {@link MempoolAdmission} decides what goes in.
 *
 * <p>Not thread-safe: the {@link Mempool} that owns it guards it with its monitor.
 */
final class TxPool {
    /** Lowest fee rate first; among equal rates, earliest admitted first (the one eviction picks). */
    private static final Comparator<MempoolEntry> BY_FEE_RATE =
            Comparator.<MempoolEntry, MempoolEntry>comparing(e -> e, MempoolEntry::compareFeeRate)
                    .thenComparingLong(MempoolEntry::sequence);

    /** Admission order, so iteration yields parents before children. */
    private final LinkedHashMap<Hash256, MempoolEntry> entries = new LinkedHashMap<>();
    private final TreeSet<MempoolEntry> byFeeRate = new TreeSet<>(BY_FEE_RATE);
    /** Which pool transaction spends each outpoint. */
    private final Map<OutPoint, Hash256> spentBy = new HashMap<>();
    /** Transactions of blocks disconnected during a reorganisation, oldest block's first. */
    private final List<Transaction> disconnected = new ArrayList<>();
    private long totalBytes;
    private long nextSequence;
    /** Bumped on every admission and removal, so block templates know when to refresh. */
    private long changes;

    /** Adds a checked transaction, giving it the next admission sequence. */
    MempoolEntry add(Transaction tx, long fee, long timeSeconds, int height, int sigOps) {
        MempoolEntry e = new MempoolEntry(tx, fee, nextSequence++, timeSeconds, height, sigOps);
        changes++;
        entries.put(tx.txid(), e);
        byFeeRate.add(e);
        for (TxIn in : tx.inputs()) {
            spentBy.put(in.prevout(), tx.txid());
        }
        totalBytes += e.size();
        return e;
    }

    /** A transaction that left the pool, and why. */
    record Removal(Transaction tx, ChainEvent.Why why) {
    }

    /**
     * Evicts the lowest fee rate transactions (with their descendants) until the pool fits {@code maxBytes};
     * returns what it evicted.
     */
    List<Transaction> trimTo(long maxBytes) {
        List<Transaction> removed = new ArrayList<>();
        while (totalBytes > maxBytes && !entries.isEmpty()) {
            removed.addAll(removeWithDescendants(byFeeRate.first().tx().txid()));
        }
        return removed;
    }

    /** Removes a transaction and everything in the pool that spends its outputs; returns them. */
    private List<Transaction> removeWithDescendants(Hash256 txid) {
        List<Transaction> removed = new ArrayList<>();
        List<Hash256> todo = new ArrayList<>();
        todo.add(txid);
        while (!todo.isEmpty()) {
            Hash256 id = todo.remove(todo.size() - 1);
            MempoolEntry e = remove(id);
            if (e == null) {
                continue;
            }
            removed.add(e.tx());
            for (int o = 0; o < e.tx().outputs().size(); o++) {
                Hash256 child = spentBy.get(new OutPoint(id, o));
                if (child != null) {
                    todo.add(child);
                }
            }
        }
        return removed;
    }

    private MempoolEntry remove(Hash256 txid) {
        MempoolEntry e = entries.remove(txid);
        if (e != null) {
            changes++;
            byFeeRate.remove(e);
            totalBytes -= e.size();
            for (TxIn in : e.tx().inputs()) {
                spentBy.remove(in.prevout());
            }
        }
        return e;
    }

    /**
     * Removes what {@code block} confirmed, then whatever now double-spends it (with descendants); returns
     * the removals in that order.
     */
    List<Removal> removeForBlock(Block block) {
        List<Removal> out = new ArrayList<>();
        for (Transaction tx : block.transactions()) {
            MempoolEntry e = remove(tx.txid());
            if (e != null) {
                out.add(new Removal(e.tx(), ChainEvent.Why.IN_BLOCK));
            }
        }
        for (Transaction tx : block.transactions()) {
            for (TxIn in : tx.inputs()) {
                Hash256 conflict = spentBy.get(in.prevout());
                if (conflict != null) {
                    for (Transaction gone : removeWithDescendants(conflict)) {
                        out.add(new Removal(gone, ChainEvent.Why.CONFLICT));
                    }
                }
            }
        }
        return out;
    }

    /** Keeps a disconnected block's transactions; blocks come off newest first, so they go in front. */
    void blockDisconnected(Block block) {
        List<Transaction> txs = block.transactions();
        disconnected.addAll(0, txs.subList(1, txs.size()));
    }

    /** Takes the disconnected blocks' transactions, oldest block's first. */
    List<Transaction> takeDisconnected() {
        List<Transaction> txs = List.copyOf(disconnected);
        disconnected.clear();
        return txs;
    }

    /** Empties the pool and returns what it held, parents before children. */
    List<Transaction> clear() {
        List<Transaction> previous = new ArrayList<>(entries.size());
        for (MempoolEntry e : entries.values()) {
            previous.add(e.tx());
        }
        entries.clear();
        byFeeRate.clear();
        spentBy.clear();
        totalBytes = 0;
        changes++;
        return previous;
    }

    // ---- readers

    long changeCount() {
        return changes;
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return totalBytes;
    }

    boolean contains(Hash256 txid) {
        return entries.containsKey(txid);
    }

    MempoolEntry get(Hash256 txid) {
        return entries.get(txid);
    }

    List<MempoolEntry> entries() {
        return List.copyOf(entries.values());
    }

    Hash256 spender(OutPoint op) {
        return spentBy.get(op);
    }

    /** Highest fee rate first; among equal rates, earliest admitted first. */
    List<MempoolEntry> byFeeRate() {
        List<MempoolEntry> list = new ArrayList<>(byFeeRate.size());
        int groupStart = 0;
        for (MempoolEntry e : byFeeRate.descendingSet()) {
            // The descending walk yields equal rates latest first: reverse each run of equal rates.
            if (!list.isEmpty() && MempoolEntry.compareFeeRate(list.get(list.size() - 1), e) != 0) {
                Collections.reverse(list.subList(groupStart, list.size()));
                groupStart = list.size();
            }
            list.add(e);
        }
        Collections.reverse(list.subList(groupStart, list.size()));
        return list;
    }
}
