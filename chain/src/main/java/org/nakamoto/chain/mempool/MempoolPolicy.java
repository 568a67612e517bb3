package org.nakamoto.chain.mempool;

import java.util.List;
import org.nakamoto.chain.consensus.CheckTxInputs;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.utxo.Coin;

/**
 * Relay policy (Bitcoin Core's policy.cpp): not consensus, so each node may choose. The knobs default to
 * Bitcoin Core's spirit: 1 satoshi per byte minimum relay fee, a 300 MB pool, 100 orphans of up to 100 kB
 * each. The standardness checks are pure functions of the transaction and the coins it spends.
 * Immutable and thread-safe.
 */
public record MempoolPolicy(long minRelayFeeSatPerKb, long maxBytes, int maxOrphans, int maxOrphanSize) {
    public static final MempoolPolicy DEFAULT = new MempoolPolicy(1000, 300L << 20, 100, 100_000);

    /** Bitcoin Core's MAX_STANDARD_TX_SIGOPS_COST in legacy units: a fifth of a block's limit per transaction. */
    public static final int MAX_STANDARD_TX_SIGOPS = 4000;
    /** Core's MAX_STANDARD_TX_WEIGHT for a legacy transaction: 100,000 bytes. */
    public static final int MAX_STANDARD_TX_SIZE = 100_000;
    /** Core's MAX_STANDARD_SCRIPTSIG_SIZE. */
    public static final int MAX_STANDARD_SCRIPTSIG_SIZE = 1650;
    /** Core's MAX_P2SH_SIGOPS: sigops one pay-to-script-hash input may run and still be relayed. */
    public static final int MAX_P2SH_SIGOPS = 15;

    /** The smallest fee a transaction of {@code size} bytes must pay (Core's CFeeRate::GetFee: truncated, at least 1). */
    public long minFee(int size) {
        long fee = minRelayFeeSatPerKb * size / 1000;
        return fee == 0 && size > 0 && minRelayFeeSatPerKb > 0 ? 1 : fee;
    }

    /**
     * Bitcoin Core's IsStandardTx for the transaction's own shape: bounded size, push-only scriptSigs of
     * bounded size. Without it a single relayed transaction could make every node hash megabytes per
     * signature check (the legacy sighash is quadratic).
     */
    public static void checkStandard(Transaction tx) throws ValidationException {
        if (tx.size() > MAX_STANDARD_TX_SIZE) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_SIZE, tx.size() + " bytes");
        }
        for (TxIn in : tx.inputs()) {
            byte[] sig = in.scriptSig().unsafeBytes();
            if (sig.length > MAX_STANDARD_SCRIPTSIG_SIZE) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_SCRIPTSIG_SIZE, sig.length + " bytes");
            }
            if (!ScriptCode.isPushOnly(sig)) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY, tx.txid().toString());
            }
        }
    }

    /** Core's AreInputsStandard: no pay-to-script-hash input may run more than {@link #MAX_P2SH_SIGOPS}. */
    public static void checkInputsStandard(Transaction tx, List<Coin> spent) throws ValidationException {
        for (int i = 0; i < tx.inputs().size(); i++) {
            int n = CheckTxInputs.p2shSigOps(tx.inputs().get(i), spent.get(i));
            if (n > MAX_P2SH_SIGOPS) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_INPUTS, "input " + i
                        + " runs " + n + " sigops");
            }
        }
    }

    /** The minimum relay fee, then the sigop limit, in that order. */
    public void checkFeeAndSigOps(Transaction tx, long fee, int sigOps) throws ValidationException {
        if (fee < minFee(tx.size())) {
            throw new ValidationException(RejectReason.TX_FEE_TOO_LOW,
                    fee + " sat < " + minFee(tx.size()) + " sat for " + tx.size() + " bytes");
        }
        if (sigOps > MAX_STANDARD_TX_SIGOPS) {
            throw new ValidationException(RejectReason.TX_TOO_MANY_SIGOPS, sigOps + " > " + MAX_STANDARD_TX_SIGOPS);
        }
    }
}
