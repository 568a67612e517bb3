package org.nakamoto.chain.consensus;

import java.util.Set;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.WitnessProgram;

/**
 * Core's GetTransactionSigOpCost, as BIP141 defines it: legacy sigops (every scriptSig and scriptPubKey,
 * counted inaccurately) and P2SH redeem-script sigops weigh {@link Transaction#WITNESS_SCALE_FACTOR}
 * each, witness sigops one each, so the block limit of 80,000 leaves legacy scripts their old 20,000.
 * Stateless.
 */
public final class SigOpCost {
    private SigOpCost() {
    }

    /** The cost of {@code tx}'s inputs beyond its legacy count: P2SH under the P2SH flag, witness under WITNESS. */
    public static long inputs(Transaction tx, CheckTxInputs.Result r, Set<ScriptFlag> flags) {
        long cost = 0;
        if (flags.contains(ScriptFlag.P2SH)) {
            cost += (long) r.p2shSigOps() * Transaction.WITNESS_SCALE_FACTOR;
        }
        if (flags.contains(ScriptFlag.WITNESS)) {
            for (int i = 0; i < tx.inputs().size(); i++) {
                TxIn in = tx.inputs().get(i);
                cost += WitnessProgram.sigOps(in.scriptSig().unsafeBytes(),
                        r.spent().get(i).output().scriptPubKey().unsafeBytes(), in.witness());
            }
        }
        return cost;
    }

    /** The whole transaction's cost (a coinbase's is its legacy count times four). */
    public static long of(Transaction tx, CheckTxInputs.Result r, Set<ScriptFlag> flags) {
        long legacy = (long) BlockChecks.legacySigOps(tx) * Transaction.WITNESS_SCALE_FACTOR;
        return tx.isCoinbase() ? legacy : legacy + inputs(tx, r, flags);
    }
}
