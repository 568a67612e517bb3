package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.utxo.Coin;

/** Core's GetTransactionSigOpCost: legacy and P2SH sigops weigh four, witness sigops one. */
class SigOpCostTest {
    private static final byte[] KEY_HASH = new byte[20];
    /** Three CHECKSIGs: a witness script costing 3. */
    private static final byte[] THREE_CHECKSIGS = {(byte) 0xac, (byte) 0xac, (byte) 0xac};

    private static long cost(Script spent, Script scriptSig, Witness witness, EnumSet<ScriptFlag> flags) throws Exception {
        OutPoint prev = new OutPoint(Hash256.sha256d(new byte[] {1}), 0);
        Transaction tx = new Transaction.Builder()
                .addInput(new TxIn(prev, scriptSig, TxIn.SEQUENCE_FINAL, witness))
                .addOutput(1, Script.of(new byte[] {(byte) 0xac})) // one legacy sigop in the output
                .build();
        CheckTxInputs.Result r = CheckTxInputs.check(tx, 200, 100, op -> new Coin(new TxOut(10, spent), 1, false));
        return SigOpCost.of(tx, r, flags);
    }

    @Test
    void witnessSigOpsCountOnceLegacyFourTimes() throws Exception {
        EnumSet<ScriptFlag> all = EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS);
        Script p2wpkh = StandardScripts.payToWitnessKeyHash(KEY_HASH);
        Script p2wsh = StandardScripts.payToWitnessScriptHash(Hashes.sha256(THREE_CHECKSIGS));
        Witness wsh = Witness.of(THREE_CHECKSIGS);
        assertEquals(4 + 1, cost(p2wpkh, Script.EMPTY, Witness.of(new byte[71], new byte[33]), all));
        assertEquals(4 + 3, cost(p2wsh, Script.EMPTY, wsh, all));
        assertEquals(4, cost(p2wsh, Script.EMPTY, wsh, EnumSet.of(ScriptFlag.P2SH)), "without WITNESS none count");
        // Nested in P2SH: the redeem script is the witness program; it counts as witness, not as P2SH.
        byte[] redeem = p2wsh.bytes();
        Script p2sh = StandardScripts.payToScriptHash(Hashes.hash160(redeem));
        assertEquals(4 + 3, cost(p2sh, Script.of(ScriptCode.pushOf(redeem)), wsh, all));
        // A plain P2SH of three CHECKSIGs: P2SH sigops weigh four each.
        Script legacyP2sh = StandardScripts.payToScriptHash(Hashes.hash160(THREE_CHECKSIGS));
        assertEquals(4 + 12, cost(legacyP2sh, Script.of(ScriptCode.pushOf(THREE_CHECKSIGS)), Witness.EMPTY, all));
        assertEquals(4, cost(legacyP2sh, Script.of(ScriptCode.pushOf(THREE_CHECKSIGS)), Witness.EMPTY,
                EnumSet.noneOf(ScriptFlag.class)));
    }
}
