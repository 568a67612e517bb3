package org.nakamoto.chain.consensus;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Applies a block to a UTXO view and takes it back off (Bitcoin Core's ConnectBlock/DisconnectBlock).
 * Connecting checks everything that needs the coins being spent: existence, maturity, amounts, the
 * coinbase claim and the scripts. The block's context-free rules ({@link BlockChecks}) and its header
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
                int first = spent.size();
                fees += spendInputs(tx, height, view, spent, checks);
                sigOps += p2shSigOps(tx, spent.subList(first, spent.size()));
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

    /**
     * Core's GetP2SHSigOpCount: for each input spending a pay-to-script-hash output, the accurate sigop
     * count of the redeem script its scriptSig pushes last. {@code coins} are the outputs the inputs spend.
     */
    public static int p2shSigOps(Transaction tx, List<Coin> coins) {
        int n = 0;
        for (int i = 0; i < tx.inputs().size(); i++) {
            if (ScriptCode.isPayToScriptHash(coins.get(i).output().scriptPubKey().unsafeBytes())) {
                n += ScriptCode.p2shSigOpCount(tx.inputs().get(i).scriptSig().unsafeBytes());
            }
        }
        return n;
    }

    /** Checks and spends one transaction's inputs (Core's CheckTxInputs), returning its fee. */
    long spendInputs(Transaction tx, int height, UtxoCache view, List<Coin> spent, List<InputCheck> checks)
            throws ValidationException {
        long in = 0;
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn input = tx.inputs().get(i);
            Coin coin = view.spend(input.prevout());
            if (coin == null) {
                throw new ValidationException(RejectReason.TX_MISSING_OR_SPENT, input.prevout().toString());
            }
            if (coin.coinbase() && height - coin.height() < params.coinbaseMaturity()) {
                throw new ValidationException(RejectReason.TX_PREMATURE_COINBASE_SPEND,
                        input.prevout() + " has " + (height - coin.height()) + " confirmations");
            }
            in += coin.output().value();
            if (!Amount.inMoneyRange(coin.output().value()) || !Amount.inMoneyRange(in)) {
                throw new ValidationException(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE, tx.txid().toString());
            }
            spent.add(coin);
            checks.add(new InputCheck(tx, i, coin.output().scriptPubKey(), coin.output().value()));
        }
        long out = 0;
        for (var o : tx.outputs()) {
            out += o.value();
        }
        if (in < out) {
            throw new ValidationException(RejectReason.TX_IN_BELOW_OUT,
                    tx.txid() + ": in " + in + " < out " + out);
        }
        return in - out;
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
