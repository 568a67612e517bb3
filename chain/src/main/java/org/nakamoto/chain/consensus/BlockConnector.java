package org.nakamoto.chain.consensus;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Applies a block to a UTXO view and takes it back off (Bitcoin Core's ConnectBlock/DisconnectBlock).
 * Connecting checks everything that needs the coins being spent: existence, maturity, amounts (through
 * {@link CheckTxInputs}, which the mempool shares), the sigop limit, the coinbase claim and the scripts. The block's context-free rules ({@link BlockChecks}) and its header
 * are checked before this. Stateless and thread-safe; the cache passed in belongs to the caller, who
 * discards it if connecting fails partway.
 */
public final class BlockConnector {
    private final NetworkParams params;
    private final InputVerifier scripts;

    public BlockConnector(NetworkParams params, InputVerifier scripts) {
        this.params = params;
        this.scripts = scripts;
    }

    /** Rules that need the height and time but not the coins (Core's ContextualCheckBlock). */
    public void checkContext(Block block, int height) throws ValidationException {
        long time = block.header().time();
        for (Transaction tx : block.transactions()) {
            if (!TransactionChecks.isFinal(tx, height, time)) {
                throw new ValidationException(RejectReason.TX_NON_FINAL, tx.txid().toString());
            }
        }
        if (height >= params.bip34Height()
                && !CoinbaseHeight.matches(block.transactions().get(0).inputs().get(0).scriptSig().bytes(), height)) {
            throw new ValidationException(RejectReason.BAD_COINBASE_HEIGHT, "height " + height);
        }
    }

    /**
     * Spends the block's inputs and adds its outputs in {@code view}, returning the undo data.
     *
     * @throws ValidationException if a rule fails; {@code view} is then partly updated and must be discarded
     */
    public BlockUndo connect(Block block, int height, UtxoCache view) throws ValidationException {
        List<Coin> spent = new ArrayList<>();
        List<InputCheck> checks = new ArrayList<>();
        long fees = 0;
        int sigOps = 0;
        for (Transaction tx : block.transactions()) {
            sigOps += BlockChecks.legacySigOps(tx);
            if (!tx.isCoinbase()) {
                // Spending from the view as we go lets later transactions spend earlier ones' outputs.
                CheckTxInputs.Result r = CheckTxInputs.check(tx, height, params.coinbaseMaturity(), view::spend);
                fees += r.fee();
                sigOps += r.p2shSigOps();
                spent.addAll(r.spent());
                checks.addAll(r.checks());
            }
            if (sigOps > BlockChecks.maxSigOps(params)) {
                throw new ValidationException(RejectReason.BAD_SIGOPS,
                        "legacy and P2SH sigops reach " + sigOps + " at " + tx.txid());
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
        scripts.verify(checks);
        return new BlockUndo(spent);
    }

    private static void addOutputs(Transaction tx, int height, UtxoCache view) throws ValidationException {
        for (int o = 0; o < tx.outputs().size(); o++) {
            OutPoint op = new OutPoint(tx.txid(), o);
            // BIP30: a transaction may not overwrite an unspent output with the same txid.
            if (view.get(op) != null) {
                throw new ValidationException(RejectReason.DUPLICATE_TX, op.toString());
            }
            view.add(op, new Coin(tx.outputs().get(o), height, tx.isCoinbase()));
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
