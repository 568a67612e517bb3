package org.nakamoto.chain.mempool;

import java.util.List;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.BlockChecks;
import org.nakamoto.chain.consensus.CheckTxInputs;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.SequenceLocks;
import org.nakamoto.chain.consensus.SigOpCost;
import org.nakamoto.chain.consensus.TransactionChecks;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.ScriptFlags;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainEvent;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoView;

/**
 * Decides whether a transaction may enter the pool (Bitcoin Core's MemPoolAccept): context-free checks,
 * standardness ({@link MempoolPolicy}, unless it accepts non-standard transactions: Core's
 * -acceptnonstdtxn), finality (BIP113: against the tip's median time past) and conflicts, the consensus
 * input rules shared with blocks ({@link CheckTxInputs}) over the chain's UTXO set plus the pool, BIP68
 * relative lock-times at the next block, fee and sigop policy, then the scripts under Core's standard
 * flags, each input's exactly once per call. Admits into the {@link TxPool}, evicting to fit.
 *
 * <p>Not thread-safe: the {@link Mempool} that owns it calls it under its monitor, with the chain's
 * tip not moving (the caller is the chain writer or holds the chain's lock first).
 */
final class MempoolAdmission {
    /** Core's MEMPOOL_HEIGHT: the height given to coins created by pool transactions. */
    static final int MEMPOOL_HEIGHT = 0x7FFFFFFF;

    private final ChainState chain;
    private final InputVerifier scripts;
    private final MempoolPolicy policy;
    private final LongSupplier clockSeconds;
    private final TxPool pool;
    private final Orphanage orphans;
    private final ChainState.TransactionSink sink;

    MempoolAdmission(ChainState chain, InputVerifier scripts, MempoolPolicy policy, LongSupplier clockSeconds,
            TxPool pool, Orphanage orphans, ChainState.TransactionSink sink) {
        this.chain = chain;
        this.scripts = scripts;
        this.policy = policy;
        this.clockSeconds = clockSeconds;
        this.pool = pool;
        this.orphans = orphans;
        this.sink = sink;
    }

    /** What the checks found. */
    record Checked(long fee, int sigOps) {
        /** The sigop-adjusted virtual size fee rates are measured in. */
        long vsize(Transaction tx) {
            return MempoolPolicy.virtualSize(tx.weight(), sigOps);
        }
    }

    /**
     * Checks {@code tx}, lets {@code feeGate} look at its fee, and admits it.
     *
     * @throws ValidationException naming why it was refused; with {@link RejectReason#TX_ORPHAN} it was kept
     *     as an orphan if {@code options} say so
     */
    <X extends Exception> MempoolEntry admit(Transaction tx, AdmissionOptions options, Mempool.FeeGate<X> feeGate)
            throws ValidationException, X {
        Checked c;
        try {
            c = check(tx, options.verifyScripts());
        } catch (ValidationException ex) {
            if (ex.reason() == RejectReason.TX_ORPHAN && options.keepOrphan()) {
                orphans.add(tx);
            }
            throw ex;
        }
        feeGate.check(c.fee(), (int) c.vsize(tx));
        MempoolEntry entry = pool.add(tx, c.fee(), clockSeconds.getAsLong(), chain.tip().height(), c.sigOps());
        boolean self = false;
        for (Transaction gone : pool.trimTo(policy.maxBytes())) {
            if (gone == tx) {
                self = true; // never reported as added, so not as removed either
            } else {
                sink.removed(gone, ChainEvent.Why.SIZE_LIMIT);
            }
        }
        if (self) {
            throw new ValidationException(RejectReason.TX_MEMPOOL_FULL, tx.txid().toString());
        }
        if (options.announce()) {
            sink.added(tx, c.fee());
        }
        return entry;
    }

    /** Every admission rule, without admitting; {@code verifyScripts} as in {@link AdmissionOptions}. */
    Checked check(Transaction tx, boolean verifyScripts) throws ValidationException {
        if (tx.isCoinbase()) {
            throw new ValidationException(RejectReason.TX_COINBASE_LOOSE, tx.txid().toString());
        }
        TransactionChecks.check(tx, chain.params().maxBlockSize());
        if (policy.requireStandard()) {
            policy.checkStandard(tx);
        }
        if (pool.contains(tx.txid())) {
            throw new ValidationException(RejectReason.TX_ALREADY_KNOWN, tx.txid().toString());
        }
        BlockNode tip = chain.tip();
        int nextHeight = tip.height() + 1;
        if (!TransactionChecks.isFinal(tx, nextHeight, MedianTimePast.of(tip.ancestry()))) {
            throw new ValidationException(RejectReason.TX_NON_FINAL, tx.txid().toString());
        }
        for (TxIn in : tx.inputs()) {
            Hash256 other = pool.spender(in.prevout());
            if (other != null) {
                throw new ValidationException(RejectReason.TX_MEMPOOL_CONFLICT, in.prevout() + " is spent by " + other);
            }
        }
        UtxoView confirmed = chain.store().utxo();
        CheckTxInputs.Result inputs = CheckTxInputs.check(tx, nextHeight, chain.params().coinbaseMaturity(),
                prevout -> coin(tx, prevout, confirmed));
        checkSequenceLocks(tx, inputs.spent(), tip);
        // Policy after consensus, as Core's PreChecks runs AreInputsStandard after CheckTxInputs.
        if (policy.requireStandard()) {
            MempoolPolicy.checkInputsStandard(tx, inputs.spent());
            MempoolPolicy.checkWitnessStandard(tx, inputs.spent());
            policy.checkEphemeralDust(tx, inputs.fee());
        }
        int sigOps = (int) SigOpCost.of(tx, inputs, ScriptFlags.STANDARD);
        policy.checkSigOpsAndFee(tx, inputs.fee(), sigOps);
        if (verifyScripts) {
            // Core's PolicyScriptChecks. Its second pass under the next block's consensus flags
            // (ConsensusScriptChecks) guards its script cache; the standard flags hold every consensus
            // flag this interpreter implements, so a pass here is a pass there.
            scripts.verify(inputs.checks(), ScriptFlags.STANDARD);
        }
        return new Checked(inputs.fee(), sigOps);
    }

    /**
     * BIP68 at the next block, always (Core's CheckSequenceLocksAtTip with its standard lock-time flags,
     * whatever the CSV height): coins of pool transactions count as confirmed in the next block.
     */
    private static void checkSequenceLocks(Transaction tx, List<Coin> spent, BlockNode tip) throws ValidationException {
        if (!SequenceLocks.applies(tx, true)) {
            return;
        }
        int nextHeight = tip.height() + 1;
        int[] heights = new int[spent.size()];
        for (int i = 0; i < heights.length; i++) {
            int h = spent.get(i).height();
            heights[i] = h == MEMPOOL_HEIGHT ? nextHeight : h;
        }
        HeaderAncestry branch = tip.ancestry();
        SequenceLocks.Lock lock = SequenceLocks.calculate(tx, heights, h -> MedianTimePast.at(branch, h));
        if (lock != SequenceLocks.Lock.NONE && !SequenceLocks.satisfied(lock, nextHeight, MedianTimePast.of(branch))) {
            throw new ValidationException(RejectReason.TX_NON_BIP68_FINAL, tx.txid().toString());
        }
    }

    /**
     * The coin {@code prevout} spends: an output of a pool transaction, else a confirmed one. Null (missing
     * or spent) for an output index the pool parent does not have; an unknown parent makes the transaction
     * an orphan, unless its own outputs show it is already confirmed.
     */
    private Coin coin(Transaction tx, OutPoint prevout, UtxoView confirmed) throws ValidationException {
        MempoolEntry parent = pool.get(prevout.txid());
        if (parent != null) {
            return prevout.index() < parent.tx().outputs().size()
                    ? new Coin(parent.tx().outputs().get((int) prevout.index()), MEMPOOL_HEIGHT, false)
                    : null;
        }
        Coin coin = confirmed.get(prevout);
        if (coin == null) {
            if (anyOutputConfirmed(tx, confirmed)) {
                throw new ValidationException(RejectReason.TX_ALREADY_CONFIRMED, tx.txid().toString());
            }
            throw new ValidationException(RejectReason.TX_ORPHAN, "input " + prevout + " is unknown");
        }
        return coin;
    }

    private static boolean anyOutputConfirmed(Transaction tx, UtxoView confirmed) {
        for (int o = 0; o < tx.outputs().size(); o++) {
            if (confirmed.get(new OutPoint(tx.txid(), o)) != null) {
                return true;
            }
        }
        return false;
    }
}
