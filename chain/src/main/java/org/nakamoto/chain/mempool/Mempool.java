package org.nakamoto.chain.mempool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.BlockChecks;
import org.nakamoto.chain.consensus.InputCheck;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.TransactionChecks;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.MempoolUpdates;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoView;

/**
 * Unconfirmed transactions that are valid on top of the current tip. Never holds two transactions that
 * spend the same output. Chains of unconfirmed transactions are allowed: a transaction may spend
 * outputs of another one in the pool.
 *
 * <p>Concurrency: every method is {@code synchronized} on the mempool. The chain writer calls the
 * {@link MempoolUpdates} methods while holding the chain's lock; the mempool never calls a locking
 * {@link ChainState} method, so the two locks are always taken in the order chain, then mempool.
 */
public final class Mempool implements MempoolUpdates {
    /** Bitcoin Core's MAX_STANDARD_TX_SIGOPS_COST in legacy units: a fifth of a block's limit per transaction. */
    public static final int MAX_STANDARD_TX_SIGOPS = 4000;
    /** Core's MAX_STANDARD_TX_WEIGHT for a legacy transaction: 100,000 bytes. */
    public static final int MAX_STANDARD_TX_SIZE = 100_000;
    /** Core's MAX_STANDARD_SCRIPTSIG_SIZE. */
    public static final int MAX_STANDARD_SCRIPTSIG_SIZE = 1650;
    /** Core's MAX_P2SH_SIGOPS: sigops one pay-to-script-hash input may run and still be relayed. */
    public static final int MAX_P2SH_SIGOPS = 15;

    private final ChainState chain;
    private final InputVerifier scripts;
    private final MempoolPolicy policy;
    private final LongSupplier clockSeconds;

    /** Admission order, so iteration yields parents before children. */
    private final LinkedHashMap<Hash256, MempoolEntry> entries = new LinkedHashMap<>();
    /** Which pool transaction spends each outpoint. */
    private final Map<OutPoint, Hash256> spentBy = new HashMap<>();
    private final LinkedHashMap<Hash256, Transaction> orphans = new LinkedHashMap<>();
    /** Transactions of blocks disconnected during a reorganisation, waiting for the new tip. */
    private final List<Transaction> disconnected = new ArrayList<>();
    private final List<MempoolListener> listeners = new CopyOnWriteArrayList<>();
    private long totalBytes;
    private long nextSequence;
    /** Bumped on every admission and removal, so block templates know when to refresh. */
    private long changes;

    public Mempool(ChainState chain, InputVerifier scripts, MempoolPolicy policy, LongSupplier clockSeconds) {
        this.chain = chain;
        this.scripts = scripts;
        this.policy = policy;
        this.clockSeconds = clockSeconds;
        ChainState.TransactionSink sink = chain.attachMempool(this); // the writer updates this pool directly
        listeners.add(e -> sink.added(e.tx(), e.fee()));
    }

    /** Hears of every transaction admitted, on the admitting thread; must be quick. */
    public interface MempoolListener {
        void transactionAdded(MempoolEntry entry);
    }

    public void addListener(MempoolListener l) {
        listeners.add(l);
    }

    // ---- admission

    /**
     * Validates {@code tx} against the chain's UTXO set plus the pool and admits it; transactions in the
     * orphan pool that were waiting for it follow.
     *
     * @throws ValidationException naming why it was refused ({@link RejectReason#TX_ORPHAN} means it was
     *     kept as an orphan until its parent arrives)
     */
    public synchronized MempoolEntry accept(Transaction tx) throws ValidationException {
        MempoolEntry e = acceptOne(tx, true);
        admitOrphansOf(tx);
        return e;
    }

    /** Runs every admission check without admitting (Bitcoin Core's testmempoolaccept); returns the fee. */
    public synchronized long test(Transaction tx) throws ValidationException {
        return check(tx, true).fee;
    }

    private record Checked(long fee, List<Hash256> parents, int sigOps) {
    }

    /**
     * Bitcoin Core's relay policy for the transaction's own shape: bounded size, push-only scriptSigs of
     * bounded size. Without it a single relayed transaction could make every node hash megabytes per
     * signature check (the legacy sighash is quadratic).
     */
    private static void checkStandard(Transaction tx) throws ValidationException {
        if (tx.size() > MAX_STANDARD_TX_SIZE) {
            throw new ValidationException(RejectReason.TX_NON_STANDARD, "tx-size: " + tx.size() + " bytes");
        }
        for (TxIn in : tx.inputs()) {
            byte[] sig = in.scriptSig().unsafeBytes();
            if (sig.length > MAX_STANDARD_SCRIPTSIG_SIZE) {
                throw new ValidationException(RejectReason.TX_NON_STANDARD, "scriptsig-size: " + sig.length + " bytes");
            }
            if (!ScriptCode.isPushOnly(sig)) {
                throw new ValidationException(RejectReason.TX_NON_STANDARD, "scriptsig-not-pushonly");
            }
        }
    }

    private MempoolEntry acceptOne(Transaction tx, boolean keepOrphan) throws ValidationException {
        return acceptOne(tx, keepOrphan, true);
    }

    private MempoolEntry acceptOne(Transaction tx, boolean keepOrphan, boolean verifyScripts) throws ValidationException {
        Checked c;
        try {
            c = check(tx, verifyScripts);
        } catch (ValidationException ex) {
            if (ex.reason() == RejectReason.TX_ORPHAN && keepOrphan) {
                keepOrphan(tx);
            }
            throw ex;
        }
        MempoolEntry entry = new MempoolEntry(tx, c.fee, nextSequence++, clockSeconds.getAsLong(), chain.tip().height(),
                c.sigOps);
        add(entry);
        trimToSize(entry);
        for (MempoolListener l : listeners) {
            l.transactionAdded(entry);
        }
        return entry;
    }

    /** Every admission rule; {@code verifyScripts} is false only for transactions this pool already verified. */
    private Checked check(Transaction tx, boolean verifyScripts) throws ValidationException {
        if (tx.isCoinbase()) {
            throw new ValidationException(RejectReason.TX_COINBASE_LOOSE, tx.txid().toString());
        }
        TransactionChecks.check(tx, chain.params().maxBlockSize());
        checkStandard(tx);
        if (entries.containsKey(tx.txid())) {
            throw new ValidationException(RejectReason.TX_ALREADY_KNOWN, tx.txid().toString());
        }
        BlockNode tip = chain.tip();
        int nextHeight = tip.height() + 1;
        if (!TransactionChecks.isFinal(tx, nextHeight, MedianTimePast.of(tip.ancestry()))) {
            throw new ValidationException(RejectReason.TX_NON_FINAL, tx.txid().toString());
        }
        for (TxIn in : tx.inputs()) {
            Hash256 other = spentBy.get(in.prevout());
            if (other != null) {
                throw new ValidationException(RejectReason.TX_MEMPOOL_CONFLICT,
                        in.prevout() + " is spent by " + other);
            }
        }
        UtxoView confirmed = chain.store().utxo();
        long in = 0;
        int sigOps = BlockChecks.legacySigOps(tx); // P2SH inputs add theirs below
        List<Hash256> parents = new ArrayList<>();
        List<InputCheck> checks = new ArrayList<>(tx.inputs().size());
        for (int i = 0; i < tx.inputs().size(); i++) {
            OutPoint op = tx.inputs().get(i).prevout();
            TxOut spent;
            MempoolEntry parent = entries.get(op.txid());
            if (parent != null) {
                if (op.index() >= parent.tx().outputs().size()) {
                    throw new ValidationException(RejectReason.TX_MISSING_OR_SPENT, op.toString());
                }
                spent = parent.tx().outputs().get((int) op.index());
                parents.add(parent.tx().txid());
            } else {
                Coin coin = confirmed.get(op);
                if (coin == null) {
                    if (anyOutputConfirmed(tx, confirmed)) {
                        throw new ValidationException(RejectReason.TX_ALREADY_CONFIRMED, tx.txid().toString());
                    }
                    throw new ValidationException(RejectReason.TX_ORPHAN, "input " + op + " is unknown");
                }
                if (coin.coinbase() && nextHeight - coin.height() < chain.params().coinbaseMaturity()) {
                    throw new ValidationException(RejectReason.TX_PREMATURE_COINBASE_SPEND,
                            op + " has " + (nextHeight - coin.height()) + " confirmations");
                }
                spent = coin.output();
            }
            in += spent.value();
            if (!Amount.inMoneyRange(spent.value()) || !Amount.inMoneyRange(in)) {
                throw new ValidationException(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE, tx.txid().toString());
            }
            if (ScriptCode.isPayToScriptHash(spent.scriptPubKey().unsafeBytes())) {
                int n = ScriptCode.p2shSigOpCount(tx.inputs().get(i).scriptSig().unsafeBytes());
                if (n > MAX_P2SH_SIGOPS) {
                    throw new ValidationException(RejectReason.TX_NON_STANDARD, "bad-txns-nonstandard-inputs: input " + i
                            + " runs " + n + " sigops");
                }
                sigOps += n;
            }
            checks.add(new InputCheck(tx, i, spent.scriptPubKey(), spent.value()));
        }
        long out = 0;
        for (TxOut o : tx.outputs()) {
            out += o.value();
        }
        if (in < out) {
            throw new ValidationException(RejectReason.TX_IN_BELOW_OUT, "in " + in + " < out " + out);
        }
        long fee = in - out;
        if (fee < policy.minFee(tx.size())) {
            throw new ValidationException(RejectReason.TX_FEE_TOO_LOW,
                    fee + " sat < " + policy.minFee(tx.size()) + " sat for " + tx.size() + " bytes");
        }
        if (sigOps > MAX_STANDARD_TX_SIGOPS) {
            throw new ValidationException(RejectReason.TX_TOO_MANY_SIGOPS, sigOps + " > " + MAX_STANDARD_TX_SIGOPS);
        }
        if (verifyScripts) {
            scripts.verify(checks);
        }
        return new Checked(fee, parents, sigOps);
    }

    private static boolean anyOutputConfirmed(Transaction tx, UtxoView confirmed) {
        for (int o = 0; o < tx.outputs().size(); o++) {
            if (confirmed.get(new OutPoint(tx.txid(), o)) != null) {
                return true;
            }
        }
        return false;
    }

    private void add(MempoolEntry e) {
        changes++;
        entries.put(e.tx().txid(), e);
        for (TxIn in : e.tx().inputs()) {
            spentBy.put(in.prevout(), e.tx().txid());
        }
        totalBytes += e.size();
    }

    /** Evicts the lowest fee rate transactions (with their descendants) until the pool fits its cap. */
    private void trimToSize(MempoolEntry justAdded) throws ValidationException {
        boolean evictedNew = false;
        while (totalBytes > policy.maxBytes() && !entries.isEmpty()) {
            MempoolEntry worst = entries.values().stream().min(MempoolEntry::compareFeeRate).orElseThrow();
            Set<Hash256> removed = removeWithDescendants(worst.tx().txid());
            evictedNew |= removed.contains(justAdded.tx().txid());
        }
        if (evictedNew) {
            throw new ValidationException(RejectReason.TX_MEMPOOL_FULL, justAdded.tx().txid().toString());
        }
    }

    private void keepOrphan(Transaction tx) {
        if (tx.size() > policy.maxOrphanSize() || orphans.containsKey(tx.txid())) {
            return;
        }
        orphans.put(tx.txid(), tx);
        while (orphans.size() > policy.maxOrphans()) {
            orphans.remove(orphans.keySet().iterator().next());
        }
    }

    private void admitOrphansOf(Transaction parent) {
        List<Transaction> ready = new ArrayList<>();
        ready.add(parent);
        while (!ready.isEmpty()) {
            Hash256 pid = ready.remove(ready.size() - 1).txid();
            List<Transaction> waiting = new ArrayList<>();
            for (Transaction o : orphans.values()) {
                for (TxIn in : o.inputs()) {
                    if (in.prevout().txid().equals(pid)) {
                        waiting.add(o);
                        break;
                    }
                }
            }
            for (Transaction o : waiting) {
                orphans.remove(o.txid());
                try {
                    acceptOne(o, true);
                    ready.add(o);
                } catch (ValidationException ignored) {
                    // still missing another parent (kept again), or invalid (dropped)
                }
            }
        }
    }

    // ---- removal

    /** Removes a transaction and everything in the pool that spends its outputs. */
    private Set<Hash256> removeWithDescendants(Hash256 txid) {
        Set<Hash256> removed = new HashSet<>();
        List<Hash256> todo = new ArrayList<>();
        todo.add(txid);
        while (!todo.isEmpty()) {
            Hash256 id = todo.remove(todo.size() - 1);
            MempoolEntry e = entries.remove(id);
            if (e == null) {
                continue;
            }
            changes++;
            removed.add(id);
            totalBytes -= e.size();
            for (TxIn in : e.tx().inputs()) {
                spentBy.remove(in.prevout());
            }
            for (int o = 0; o < e.tx().outputs().size(); o++) {
                Hash256 child = spentBy.get(new OutPoint(id, o));
                if (child != null) {
                    todo.add(child);
                }
            }
        }
        return removed;
    }

    @Override
    public synchronized void blockConnected(Block block, BlockNode node) {
        for (Transaction tx : block.transactions()) {
            MempoolEntry e = entries.remove(tx.txid());
            if (e != null) {
                changes++;
                totalBytes -= e.size();
                for (TxIn in : tx.inputs()) {
                    spentBy.remove(in.prevout());
                }
            }
        }
        // Anything left that spends what the block spent is now a double spend.
        for (Transaction tx : block.transactions()) {
            for (TxIn in : tx.inputs()) {
                Hash256 conflict = spentBy.get(in.prevout());
                if (conflict != null) {
                    removeWithDescendants(conflict);
                }
            }
            orphans.remove(tx.txid());
        }
    }

    @Override
    public synchronized void blockDisconnected(Block block, BlockNode node) {
        List<Transaction> txs = block.transactions();
        // Blocks come off newest first; keep their transactions so the oldest block's go back first.
        List<Transaction> these = new ArrayList<>(txs.subList(1, txs.size()));
        disconnected.addAll(0, these);
    }

    @Override
    public synchronized void tipChanged(BlockNode tip, boolean reorganised) {
        if (!reorganised) {
            return;
        }
        // After a reorganisation, rebuild the pool on the new tip: transactions from disconnected blocks
        // first (they are older), then the previous pool; whatever no longer fits the chain is dropped.
        // Legacy and P2SH scripts do not depend on the chain, so the previous pool's are not run again.
        List<Transaction> fromBlocks = new ArrayList<>(disconnected);
        disconnected.clear();
        List<Transaction> previous = new ArrayList<>();
        for (MempoolEntry e : entries.values()) {
            previous.add(e.tx());
        }
        entries.clear();
        spentBy.clear();
        totalBytes = 0;
        changes++;
        readmit(fromBlocks, true);
        readmit(previous, false);
    }

    private void readmit(List<Transaction> txs, boolean verifyScripts) {
        for (Transaction tx : txs) {
            try {
                acceptOne(tx, false, verifyScripts);
            } catch (ValidationException dropped) {
                // confirmed on the new chain, conflicting with it, or spending what no longer exists
            }
        }
    }

    // ---- readers

    /** A counter that changes whenever the pool's contents do. */
    public synchronized long changeCount() {
        return changes;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return totalBytes;
    }

    public synchronized boolean contains(Hash256 txid) {
        return entries.containsKey(txid);
    }

    public synchronized MempoolEntry get(Hash256 txid) {
        return entries.get(txid);
    }

    public synchronized int orphanCount() {
        return orphans.size();
    }

    /** Every entry, parents before children. */
    public synchronized List<MempoolEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The pool transaction spending {@code op}, or null. */
    public synchronized Hash256 spender(OutPoint op) {
        return spentBy.get(op);
    }

    /** Entries, highest fee rate first; a child may precede its parent, so template builders reorder. */
    public synchronized List<MempoolEntry> byFeeRate() {
        List<MempoolEntry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparing((MempoolEntry e) -> e, MempoolEntry::compareFeeRate).reversed());
        return list;
    }

    public MempoolPolicy policy() {
        return policy;
    }
}
