package org.nakamoto.chain.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.SoftForks;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Applies a block to a UTXO view and takes it back off (Bitcoin Core's ConnectBlock/DisconnectBlock).
 * Connecting checks everything that needs the coins being spent: BIP30, existence, maturity, amounts
 * (through {@link CheckTxInputs}, which the mempool shares), BIP68 relative lock-times, the sigop limit,
 * the coinbase claim and the scripts, under the flags the soft forks give the block's height
 * ({@link BlockScriptFlags}). The block's context-free rules ({@link BlockChecks}) and its header are
 * checked before this. Stateless and thread-safe; the cache passed in belongs to the caller, who
 * discards it if connecting fails partway.
 */
public final class BlockConnector {
    private final NetworkParams params;
    private final InputVerifier scripts;

    public BlockConnector(NetworkParams params, InputVerifier scripts) {
        this.params = params;
        this.scripts = scripts;
    }

    /**
     * Rules that need the height and time but not the coins (Core's ContextualCheckBlock), for a block
     * whose parent ends {@code parent}.
     */
    public void checkContext(Block block, HeaderAncestry parent) throws ValidationException {
        int height = parent.height() + 1;
        SoftForks forks = params.softForks();
        // BIP113: once CSV is active, lock times are compared with the parent's median time past, which
        // miners cannot push forward the way they can a block's own time.
        long cutoff = SoftForks.active(forks.csvHeight(), height) ? MedianTimePast.of(parent) : block.header().time();
        for (Transaction tx : block.transactions()) {
            if (!TransactionChecks.isFinal(tx, height, cutoff)) {
                throw new ValidationException(RejectReason.TX_NON_FINAL, tx.txid().toString());
            }
        }
        if (SoftForks.active(forks.bip34Height(), height)
                && !CoinbaseHeight.matches(block.transactions().get(0).inputs().get(0).scriptSig().bytes(), height)) {
            throw new ValidationException(RejectReason.BAD_COINBASE_HEIGHT, "height " + height);
        }
        WitnessCommitment.check(block, SoftForks.active(forks.segwitHeight(), height));
        // Only now: before the commitment is known good, the weight could be inflated by a coinbase
        // witness, which the block hash does not cover, and the block must not be marked invalid for it.
        if (block.weight() > params.maxBlockWeight()) {
            throw new ValidationException(RejectReason.BAD_BLOCK_WEIGHT,
                    block.weight() + " > " + params.maxBlockWeight());
        }
    }

    /**
     * Spends the block's inputs and adds its outputs in {@code view}, returning the undo data. The block
     * extends {@code parent}, whose headers give the height, BIP34's block and the median times that
     * relative time locks count from.
     *
     * @throws ValidationException if a rule fails; {@code view} is then partly updated and must be discarded
     */
    public BlockUndo connect(Block block, HeaderAncestry parent, UtxoCache view) throws ValidationException {
        int height = parent.height() + 1;
        SoftForks forks = params.softForks();
        if (enforceBip30(block, height, parent)) {
            checkNoOverwrite(block, view);
        }
        boolean csv = SoftForks.active(forks.csvHeight(), height);
        long parentMedianTime = Long.MIN_VALUE; // computed when the first relative lock needs it
        List<Coin> spent = new ArrayList<>();
        List<InputCheck> checks = new ArrayList<>();
        Set<ScriptFlag> flags = BlockScriptFlags.of(forks, height, block.hash());
        long fees = 0;
        // Core's sigop cost: legacy and P2SH sigops weigh four, witness sigops one.
        long sigOpCost = 0;
        for (Transaction tx : block.transactions()) {
            sigOpCost += (long) BlockChecks.legacySigOps(tx) * Transaction.WITNESS_SCALE_FACTOR;
            if (!tx.isCoinbase()) {
                // Spending from the view as we go lets later transactions spend earlier ones' outputs.
                CheckTxInputs.Result r = CheckTxInputs.check(tx, height, params.coinbaseMaturity(), view::spend);
                fees += r.fee();
                sigOpCost += SigOpCost.inputs(tx, r, flags);
                if (SequenceLocks.applies(tx, csv)) {
                    SequenceLocks.Lock lock = SequenceLocks.calculate(tx, coinHeights(r.spent()),
                            h -> MedianTimePast.at(parent, h));
                    if (lock != SequenceLocks.Lock.NONE) {
                        if (parentMedianTime == Long.MIN_VALUE) {
                            parentMedianTime = MedianTimePast.of(parent);
                        }
                        if (!SequenceLocks.satisfied(lock, height, parentMedianTime)) {
                            throw new ValidationException(RejectReason.TX_NON_FINAL,
                                    "non-BIP68-final: " + tx.txid() + " is locked until after height " + lock.height()
                                            + " or median time " + lock.time());
                        }
                    }
                }
                spent.addAll(r.spent());
                checks.addAll(r.checks());
            }
            if (sigOpCost > params.maxBlockSigOpsCost()) {
                throw new ValidationException(RejectReason.BAD_SIGOPS,
                        "sigop cost reaches " + sigOpCost + " at " + tx.txid());
            }
            addOutputs(tx, height, view);
        }
        long claimed = 0;
        for (var out : block.transactions().get(0).outputs()) {
            claimed += out.value();
        }
        long allowed = params.subsidyAt(height) + fees;
        if (claimed > allowed) {
            throw new ValidationException(RejectReason.BAD_COINBASE_AMOUNT,
                    "claims " + claimed + " sat, allowed " + allowed);
        }
        scripts.verify(checks, flags);
        return new BlockUndo(spent);
    }

    /**
     * Whether BIP30 is checked for this block, as Core's ConnectBlock decides: not for the two historic
     * blocks that did overwrite a coinbase; not on the network's known chain past BIP34, where coinbases
     * name their height and cannot repeat, until {@link SoftForks#BIP34_IMPLIES_BIP30_LIMIT}, the first height
     * a coinbase from before BIP34 could repeat; otherwise always.
     */
    private boolean enforceBip30(Block block, int height, HeaderAncestry parent) {
        SoftForks forks = params.softForks();
        Hash256 repeat = forks.bip30Exceptions().get(height);
        if (repeat != null && repeat.equals(block.hash())) {
            return false;
        }
        if (height >= SoftForks.BIP34_IMPLIES_BIP30_LIMIT) {
            return true;
        }
        Hash256 bip34Hash = forks.bip34Hash();
        boolean onKnownBip34Chain = bip34Hash != null && parent.height() >= forks.bip34Height()
                && forks.bip34Height() >= parent.earliestHeight()
                && parent.headerAt(forks.bip34Height()).hash().equals(bip34Hash);
        return !onKnownBip34Chain;
    }

    /** BIP30: no transaction of the block may create an output that exists unspent with the same txid. */
    private static void checkNoOverwrite(Block block, UtxoCache view) throws ValidationException {
        for (Transaction tx : block.transactions()) {
            for (int o = 0; o < tx.outputs().size(); o++) {
                OutPoint op = new OutPoint(tx.txid(), o);
                if (view.get(op) != null) {
                    throw new ValidationException(RejectReason.DUPLICATE_TX, op.toString());
                }
            }
        }
    }

    private static int[] coinHeights(List<Coin> coins) {
        int[] heights = new int[coins.size()];
        for (int i = 0; i < heights.length; i++) {
            heights[i] = coins.get(i).height();
        }
        return heights;
    }

    /** Adds the outputs; in the BIP30 exception blocks one replaces the unspent coin it repeats, as in Core. */
    private static void addOutputs(Transaction tx, int height, UtxoCache view) {
        for (int o = 0; o < tx.outputs().size(); o++) {
            view.add(new OutPoint(tx.txid(), o), new Coin(tx.outputs().get(o), height, tx.isCoinbase()));
        }
    }

    /** Takes a connected block back off {@code view}: removes its outputs, restores what it spent. */
    public void disconnect(Block block, BlockUndo undo, UtxoCache view) {
        List<Transaction> txs = block.transactions();
        int u = undo.spent().size();
        for (int t = txs.size() - 1; t >= 0; t--) {
            Transaction tx = txs.get(t);
            for (int o = 0; o < tx.outputs().size(); o++) {
                view.spend(new OutPoint(tx.txid(), o));
            }
            if (!tx.isCoinbase()) {
                for (int i = tx.inputs().size() - 1; i >= 0; i--) {
                    view.add(tx.inputs().get(i).prevout(), undo.spent().get(--u));
                }
            }
        }
        if (u != 0) {
            throw new IllegalStateException("undo data does not match block " + block.hash());
        }
    }
}
