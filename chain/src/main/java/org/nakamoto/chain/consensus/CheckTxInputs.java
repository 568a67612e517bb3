package org.nakamoto.chain.consensus;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.utxo.Coin;

/**
 * The consensus rules for a transaction's inputs against the coins they spend (Bitcoin Core's
 * Consensus::CheckTxInputs): every input spends an existing unspent coin, a coinbase only after it
 * matured, each value and the running sum stay in the money range, and the inputs cover the outputs.
 * Also counts the pay-to-script-hash sigops the spent coins imply (Core's GetP2SHSigOpCount). Written
 * once here for block connection and mempool admission; scripts are not run, the caller hands
 * {@link Result#checks()} to an {@link InputVerifier} afterwards. Stateless and thread-safe.
 */
public final class CheckTxInputs {
    private CheckTxInputs() {
    }

    /** Where the coins come from: a block spends them from its UTXO cache, the mempool looks them up. */
    @FunctionalInterface
    public interface CoinSource {
        /**
         * The coin {@code prevout} spends, or null if it does not exist or is spent; may throw a more
         * specific rejection of its own (the mempool's orphan and already-confirmed cases).
         */
        Coin spend(OutPoint prevout) throws ValidationException;
    }

    /**
     * What the inputs spend.
     *
     * @param fee        inputs minus outputs, in satoshis
     * @param spent      the coins in input order (a block's undo data)
     * @param checks     one script evaluation per input, in input order, sharing one {@link PrecomputedTxData}
     * @param p2shSigOps sigops of the redeem scripts of the pay-to-script-hash inputs
     */
    public record Result(long fee, List<Coin> spent, List<InputCheck> checks, int p2shSigOps) {
        public Result {
            spent = List.copyOf(spent);
            checks = List.copyOf(checks);
        }
    }

    /**
     * Checks {@code tx}'s inputs (not a coinbase) as spent at {@code spendHeight}, the height of the block
     * that contains it or, for the mempool, the next block.
     */
    public static Result check(Transaction tx, int spendHeight, int coinbaseMaturity, CoinSource coins)
            throws ValidationException {
        int n = tx.inputs().size();
        List<Coin> spent = new ArrayList<>(n);
        List<InputCheck> checks = new ArrayList<>(n);
        long in = 0;
        int p2shSigOps = 0;
        for (int i = 0; i < n; i++) {
            TxIn input = tx.inputs().get(i);
            Coin coin = coins.spend(input.prevout());
            if (coin == null) {
                throw new ValidationException(RejectReason.TX_MISSING_OR_SPENT, input.prevout().toString());
            }
            if (coin.coinbase() && spendHeight - coin.height() < coinbaseMaturity) {
                throw new ValidationException(RejectReason.TX_PREMATURE_COINBASE_SPEND,
                        input.prevout() + " has " + (spendHeight - coin.height()) + " confirmations");
            }
            in += coin.output().value();
            if (!Amount.inMoneyRange(coin.output().value()) || !Amount.inMoneyRange(in)) {
                throw new ValidationException(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE, tx.txid().toString());
            }
            p2shSigOps += p2shSigOps(input, coin);
            spent.add(coin);
        }
        // Built once all coins are known: BIP 341 signs every spent output in each input's signature.
        List<TxOut> spentOutputs = new ArrayList<>(n);
        spent.forEach(c -> spentOutputs.add(c.output()));
        PrecomputedTxData data = new PrecomputedTxData(tx, spentOutputs);
        for (int i = 0; i < n; i++) {
            TxOut coin = spentOutputs.get(i);
            checks.add(new InputCheck(tx, i, coin.scriptPubKey(), coin.value(), data));
        }
        long out = 0;
        for (var o : tx.outputs()) {
            out += o.value(); // each value and the total were range-checked context-free (TransactionChecks)
        }
        if (in < out) {
            throw new ValidationException(RejectReason.TX_IN_BELOW_OUT, tx.txid() + ": in " + in + " < out " + out);
        }
        return new Result(in - out, spent, checks, p2shSigOps);
    }

    /**
     * Core's GetP2SHSigOpCount for one input: if {@code coin} is pay-to-script-hash, the accurate sigop
     * count of the redeem script the scriptSig pushes last; otherwise 0.
     */
    public static int p2shSigOps(TxIn input, Coin coin) {
        return ScriptCode.isPayToScriptHash(coin.output().scriptPubKey().unsafeBytes())
                ? ScriptCode.p2shSigOpCount(input.scriptSig().unsafeBytes())
                : 0;
    }
}
