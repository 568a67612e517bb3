package org.nakamoto.chain.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainEvent;
import org.nakamoto.chain.state.MempoolUpdates;
import org.nakamoto.chain.state.ChainState;

/**
 * Unconfirmed transactions that are valid on top of the current tip. Never holds two transactions that
 * spend the same output. Chains of unconfirmed transactions are allowed: a transaction may spend
 * outputs of another one in the pool.
 *
 * <p>A facade over the parts Bitcoin Core and btcd also separate: {@link MempoolAdmission} (what may
 * enter, using the consensus input rules blocks use), {@link MempoolPolicy} (standardness and relay
 * knobs), {@link Orphanage} (transactions waiting for parents) and {@link TxPool} (the entries, fee-rate
 * index, eviction, removal for a block, the disconnected blocks' transactions).
 *
 * <p>Concurrency: changes run on the chain writer's thread only (each changing method checks, so they
 * stay ordered with blocks); one monitor, this object's, guards all the parts so that readers on other
 * threads see a consistent pool: every public method but {@link #policy()} and {@link #view()} is
 * {@code synchronized}, and the parts are reached only from inside it. The chain writer calls the
 * {@link MempoolUpdates} methods while holding the chain's lock; the mempool never calls a locking
 * {@link ChainState} method, so the two locks are always taken in the order chain, then mempool.
 *
 * <p>Events: admissions and removals (confirmed, conflicting, evicted, dropped by a reorganisation) are
 * reported through the sink the chain gave it on the one {@code ChainEvents} channel.
 */
public final class Mempool implements MempoolUpdates {
    private final MempoolPolicy policy;
    private final TxPool pool = new TxPool();
    private final Orphanage orphans;
    private final MempoolAdmission admission;
    private final ChainState chain;
    private final ChainState.TransactionSink sink;
    private final MempoolView view = new MempoolView(this);

    private Mempool(ChainState chain, ChainState.TransactionSink sink, InputVerifier scripts, MempoolPolicy policy,
            LongSupplier clockSeconds) {
        this.chain = chain;
        this.sink = sink;
        this.policy = policy;
        this.orphans = new Orphanage(policy);
        this.admission = new MempoolAdmission(chain, scripts, policy, clockSeconds, pool, orphans, sink);
    }

    /**
     * Creates the mempool of {@code chain} and attaches it ({@link ChainState#attachMempool}): from then on
     * the chain's writer keeps it current. Call on the writer thread.
     */
    public static Mempool attach(ChainState chain, InputVerifier scripts, MempoolPolicy policy, LongSupplier clockSeconds) {
        return chain.attachMempool(sink -> new Mempool(chain, sink, scripts, policy, clockSeconds));
    }

    /** Read-only access, for RPC handlers and anyone else that must not change the pool. */
    public MempoolView view() {
        return view;
    }

    /**
     * The caller's last word on a transaction that passed every check, before the pool changes
     * (sendrawtransaction's maximum fee rate); throwing refuses it.
     */
    @FunctionalInterface
    public interface FeeGate<X extends Exception> {
        void check(long fee, int size) throws X;
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
        chain.checkWriter();
        MempoolEntry e = admission.admit(tx, AdmissionOptions.RELAY, (fee, size) -> { });
        admitOrphansOf(tx);
        return e;
    }

    /**
     * Admits a transaction from this node's user (Bitcoin Core's BroadcastTransaction): as {@link #accept}
     * but an orphan is refused rather than kept, and {@code feeGate} may refuse it after every check passed.
     * Each input's script runs once, where {@link #test} followed by {@link #accept} would run it twice.
     */
    public synchronized <X extends Exception> MempoolEntry acceptLocal(Transaction tx, FeeGate<X> feeGate)
            throws ValidationException, X {
        chain.checkWriter();
        MempoolEntry e = admission.admit(tx, AdmissionOptions.LOCAL, feeGate);
        admitOrphansOf(tx);
        return e;
    }

    /** What testmempoolaccept reports of an acceptable transaction: its fee and sigop-adjusted virtual size. */
    public record TestResult(long fee, long vsize) {
    }

    /** Runs every admission check without admitting (Bitcoin Core's testmempoolaccept). */
    public synchronized TestResult test(Transaction tx) throws ValidationException {
        chain.checkWriter();
        MempoolAdmission.Checked c = admission.check(tx, true);
        return new TestResult(c.fee(), c.vsize(tx));
    }

    private void admitOrphansOf(Transaction parent) {
        List<Transaction> ready = new ArrayList<>();
        ready.add(parent);
        while (!ready.isEmpty()) {
            Hash256 pid = ready.remove(ready.size() - 1).txid();
            for (Transaction o : orphans.takeChildrenOf(pid)) {
                try {
                    admission.admit(o, AdmissionOptions.RELAY, (fee, size) -> { });
                    ready.add(o);
                } catch (ValidationException ignored) {
                    // still missing another parent (kept again), or invalid (dropped)
                }
            }
        }
    }

    // ---- chain events

    @Override
    public synchronized void blockConnected(Block block, BlockNode node) {
        for (TxPool.Removal r : pool.removeForBlock(block)) {
            sink.removed(r.tx(), r.why());
        }
        for (Transaction tx : block.transactions()) {
            orphans.remove(tx.txid());
        }
    }

    @Override
    public synchronized void blockDisconnected(Block block, BlockNode node) {
        pool.blockDisconnected(block);
    }

    @Override
    public synchronized void tipChanged(BlockNode tip, boolean reorganised) {
        if (!reorganised) {
            return;
        }
        // After a reorganisation, rebuild the pool on the new tip: transactions from disconnected blocks
        // first (they are older), then the previous pool; whatever no longer fits the chain is dropped.
        // Legacy and P2SH scripts do not depend on the chain, so the previous pool's are not run again.
        List<Transaction> fromBlocks = pool.takeDisconnected();
        List<Transaction> previous = pool.clear();
        readmit(fromBlocks, AdmissionOptions.FROM_DISCONNECTED_BLOCK);
        for (Transaction dropped : readmit(previous, AdmissionOptions.READMIT)) {
            sink.removed(dropped, ChainEvent.Why.REORG);
        }
    }

    /** Admits what fits the new tip; returns the rest (confirmed on it, conflicting, or spending what is gone). */
    private List<Transaction> readmit(List<Transaction> txs, AdmissionOptions options) {
        List<Transaction> refused = new ArrayList<>();
        for (Transaction tx : txs) {
            try {
                admission.admit(tx, options, (fee, size) -> { });
            } catch (ValidationException e) {
                refused.add(tx);
            }
        }
        return refused;
    }

    // ---- readers

    /** A counter that changes whenever the pool's contents do. */
    public synchronized long changeCount() {
        return pool.changeCount();
    }

    public synchronized int size() {
        return pool.size();
    }

    public synchronized long bytes() {
        return pool.bytes();
    }

    public synchronized boolean contains(Hash256 txid) {
        return pool.contains(txid);
    }

    public synchronized MempoolEntry get(Hash256 txid) {
        return pool.get(txid);
    }

    public synchronized int orphanCount() {
        return orphans.size();
    }

    /** Every entry, parents before children. */
    public synchronized List<MempoolEntry> entries() {
        return pool.entries();
    }

    /** The pool transaction spending {@code op}, or null. */
    public synchronized Hash256 spender(OutPoint op) {
        return pool.spender(op);
    }

    /** Entries, highest fee rate first; a child may precede its parent, so template builders reorder. */
    public synchronized List<MempoolEntry> byFeeRate() {
        return pool.byFeeRate();
    }

    public MempoolPolicy policy() {
        return policy;
    }
}
