package org.nakamoto.chain.mempool;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.script.Opcodes;
import org.nakamoto.chain.script.ScriptBuilder;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.Solver;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.chain.utxo.Coin;

/**
 * Core's IsStandardTx output rules, GetDustThreshold and AreInputsStandard's spent-output rule, one row
 * per template and reason, with Core's reject strings (policy.cpp, solver.cpp, v30).
 */
class StandardnessTest {
    private static final MempoolPolicy POLICY = MempoolPolicy.DEFAULT;
    private static final byte[] KEY = EcPrivateKey.of(BigInteger.valueOf(7)).publicKeyBytes(true);
    private static final byte[] FULL_KEY = EcPrivateKey.of(BigInteger.valueOf(7)).publicKeyBytes(false);

    static final Script OP_TRUE = Script.of(new byte[] {0x51});
    static final Script P2PKH = StandardScripts.payToPubKeyHash(Hashes.hash160(KEY));
    static final Script P2PK = StandardScripts.payToPubKey(KEY);
    static final Script P2PK_FULL = StandardScripts.payToPubKey(FULL_KEY);
    static final Script P2SH = StandardScripts.payToScriptHash(Hashes.hash160(new byte[] {0x51}));
    static final Script P2WPKH = StandardScripts.payToWitnessKeyHash(Hashes.hash160(KEY));
    static final Script P2WSH = StandardScripts.payToWitnessScriptHash(Hashes.sha256(new byte[] {0x51}));
    static final Script P2TR = Script.of(Taproot.scriptPubKey(new byte[32]));
    static final Script P2A = Script.of(new byte[] {0x51, 0x02, 0x4e, 0x73});
    static final Script V2 = program(Opcodes.OP_2, 32);
    static final Script V0_21 = program(Opcodes.OP_0, 21);

    private static Script program(int version, int size) {
        return Script.of(new ByteWriter().writeUint8(version).writeUint8(size).writeBytes(new byte[size]).toByteArray());
    }

    private static Script multisig(int m, int n) {
        ScriptBuilder b = new ScriptBuilder().op(Opcodes.smallInt(m));
        for (int i = 0; i < n; i++) {
            b.data(KEY);
        }
        return b.op(Opcodes.smallInt(n)).op(Opcodes.OP_CHECKMULTISIG).build();
    }

    private static Script opReturn(int dataBytes) {
        return Script.of(new ByteWriter().writeUint8(Opcodes.OP_RETURN).writeBytes(ScriptCode.pushOf(new byte[dataBytes]))
                .toByteArray());
    }

    private static Transaction paying(TxOut... outs) {
        Transaction.Builder b = new Transaction.Builder()
                .addInput(new OutPoint(Hash256.sha256d(new byte[] {1}), 0), Script.EMPTY);
        for (TxOut o : outs) {
            b.addOutput(o);
        }
        return b.build();
    }

    private static RejectReason refusal(MempoolPolicy policy, Transaction tx) {
        return assertThrows(ValidationException.class, () -> policy.checkStandard(tx)).reason();
    }

    @Test
    void solverNamesCoresTemplates() {
        assertEquals(Solver.Type.PUBKEYHASH, Solver.solve(P2PKH.bytes()).type());
        assertEquals(Solver.Type.PUBKEY, Solver.solve(P2PK.bytes()).type());
        assertEquals(Solver.Type.PUBKEY, Solver.solve(P2PK_FULL.bytes()).type());
        assertEquals(Solver.Type.SCRIPTHASH, Solver.solve(P2SH.bytes()).type());
        assertEquals(Solver.Type.WITNESS_V0_KEYHASH, Solver.solve(P2WPKH.bytes()).type());
        assertEquals(Solver.Type.WITNESS_V0_SCRIPTHASH, Solver.solve(P2WSH.bytes()).type());
        assertEquals(Solver.Type.WITNESS_V1_TAPROOT, Solver.solve(P2TR.bytes()).type());
        assertEquals(Solver.Type.ANCHOR, Solver.solve(P2A.bytes()).type());
        assertEquals(Solver.Type.WITNESS_UNKNOWN, Solver.solve(V2.bytes()).type());
        assertEquals(Solver.Type.NONSTANDARD, Solver.solve(V0_21.bytes()).type(), "v0 of 21 bytes can never be spent");
        assertEquals(Solver.Type.NULL_DATA, Solver.solve(opReturn(80).bytes()).type());
        assertEquals(Solver.Type.NULL_DATA, Solver.solve(new byte[] {0x6a}).type(), "a bare OP_RETURN");
        assertEquals(Solver.Type.NONSTANDARD, Solver.solve(new byte[] {0x6a, 0x61}).type(), "OP_RETURN OP_NOP");
        assertEquals(Solver.Type.NONSTANDARD, Solver.solve(OP_TRUE.bytes()).type());
        assertEquals(Solver.Type.NONSTANDARD, Solver.solve(new byte[0]).type());
        assertEquals(new Solver.Solution(Solver.Type.MULTISIG, 2, 3), Solver.solve(multisig(2, 3).bytes()));
        assertEquals(new Solver.Solution(Solver.Type.MULTISIG, 1, 20), Solver.solve(bigMultisig(1, 20)));
        assertEquals(Solver.Type.NONSTANDARD, Solver.solve(multisig(3, 2).bytes()).type(), "m > n");
        assertEquals(20, Solver.multisigKeys(bigMultisig(1, 20)).size());
        assertEquals(List.of(), Solver.multisigKeys(P2PKH.bytes()));
        assertEquals("witness_v1_taproot", Solver.solve(P2TR.bytes()).type().coreName());
        assertEquals("nulldata", Solver.Type.NULL_DATA.coreName());
        byte[] badKey = KEY.clone();
        badKey[0] = 0x05;
        assertEquals(Solver.Type.NONSTANDARD, Solver.solve(StandardScripts.payToPubKey(badKey).bytes()).type(),
                "a key whose header announces no size");
    }

    /** m-of-n with n over 16: the key count pushed as a minimal number, as Core's GetScriptNumber reads it. */
    private static byte[] bigMultisig(int m, int n) {
        ByteWriter w = new ByteWriter().writeUint8(Opcodes.smallInt(m));
        for (int i = 0; i < n; i++) {
            w.writeBytes(ScriptCode.pushOf(KEY));
        }
        return w.writeUint8(1).writeUint8(n).writeUint8(Opcodes.OP_CHECKMULTISIG).toByteArray();
    }

    @Test
    void everyStandardTemplateIsRelayed() {
        for (Script s : List.of(P2PKH, P2PK, P2PK_FULL, P2SH, P2WPKH, P2WSH, P2TR, multisig(1, 1), multisig(1, 3),
                multisig(3, 3))) {
            assertDoesNotThrow(() -> POLICY.checkStandard(paying(new TxOut(100_000, s))), s.toString());
        }
        // A P2A output at 0 is dust, allowed once (ephemeral dust).
        assertDoesNotThrow(() -> POLICY.checkStandard(paying(new TxOut(100_000, P2TR), new TxOut(0, P2A))));
    }

    @Test
    void nonStandardOutputsAreScriptpubkey() {
        for (Script s : List.of(OP_TRUE, V0_21, multisig(1, 4), Script.of(bigMultisig(1, 20)), Script.of(new byte[] {0x6a, 0x61}))) {
            assertEquals(RejectReason.TX_NONSTANDARD_SCRIPTPUBKEY, refusal(POLICY, paying(new TxOut(100_000, s))),
                    s.toString());
        }
        assertEquals("scriptpubkey", RejectReason.TX_NONSTANDARD_SCRIPTPUBKEY.code());
        // Witness v2 outputs may be created (spending them is what is non-standard).
        assertDoesNotThrow(() -> POLICY.checkStandard(paying(new TxOut(100_000, V2))));
    }

    @Test
    void bareMultisigOnlyWhenPermitted() {
        Transaction tx = paying(new TxOut(100_000, multisig(1, 2)));
        assertDoesNotThrow(() -> POLICY.checkStandard(tx), "Core's default -permitbaremultisig=1");
        assertEquals(RejectReason.TX_NONSTANDARD_BARE_MULTISIG, refusal(POLICY.withPermitBareMultisig(false), tx));
        assertEquals("bare-multisig", RejectReason.TX_NONSTANDARD_BARE_MULTISIG.code());
        assertEquals(RejectReason.TX_NONSTANDARD_SCRIPTPUBKEY, refusal(POLICY.withPermitBareMultisig(false),
                paying(new TxOut(100_000, multisig(1, 4)))), "beyond 3 keys is not standard at all");
    }

    @Test
    void dataCarriersShareOneBudget() {
        // v30: several OP_RETURN outputs, 100,000 bytes of them together by default.
        Transaction three = paying(new TxOut(100_000, P2WPKH), new TxOut(0, opReturn(80)), new TxOut(0, opReturn(80)),
                new TxOut(0, opReturn(1000)));
        assertDoesNotThrow(() -> POLICY.checkStandard(three));
        MempoolPolicy old = POLICY.withMaxDatacarrierBytes(83);
        assertDoesNotThrow(() -> old.checkStandard(paying(new TxOut(100_000, P2WPKH), new TxOut(0, opReturn(80)))),
                "83 bytes: 1 + 2 + 80");
        assertEquals(RejectReason.TX_NONSTANDARD_DATACARRIER, refusal(old,
                paying(new TxOut(100_000, P2WPKH), new TxOut(0, opReturn(81)))));
        assertEquals(RejectReason.TX_NONSTANDARD_DATACARRIER, refusal(old,
                paying(new TxOut(0, opReturn(40)), new TxOut(0, opReturn(40)))), "42 + 42 > 83");
        assertEquals(RejectReason.TX_NONSTANDARD_DATACARRIER, refusal(POLICY.withMaxDatacarrierBytes(0),
                paying(new TxOut(100_000, P2WPKH), new TxOut(0, Script.of(new byte[] {0x6a})))), "-datacarrier=0");
        assertEquals("datacarrier", RejectReason.TX_NONSTANDARD_DATACARRIER.code());
    }

    @Test
    void dustThresholdsAreCoresAt3000SatPerKvB() {
        assertEquals(546, POLICY.dustThreshold(new TxOut(0, P2PKH)));
        assertEquals(540, POLICY.dustThreshold(new TxOut(0, P2SH)));
        assertEquals(294, POLICY.dustThreshold(new TxOut(0, P2WPKH)));
        assertEquals(330, POLICY.dustThreshold(new TxOut(0, P2WSH)));
        assertEquals(330, POLICY.dustThreshold(new TxOut(0, P2TR)));
        assertEquals(240, POLICY.dustThreshold(new TxOut(0, P2A)));
        assertEquals(0, POLICY.dustThreshold(new TxOut(0, opReturn(80))), "unspendable: never dust");
        assertEquals(980, POLICY.withDustRelayFee(10_000).dustThreshold(new TxOut(0, P2WPKH)));
        assertEquals(true, POLICY.isDust(new TxOut(293, P2WPKH)));
        assertEquals(false, POLICY.isDust(new TxOut(294, P2WPKH)));
    }

    @Test
    void atMostOneDustOutputAndOnlyWithoutAFee() throws Exception {
        Transaction one = paying(new TxOut(100_000, P2WPKH), new TxOut(293, P2WPKH));
        assertDoesNotThrow(() -> POLICY.checkStandard(one));
        assertEquals(RejectReason.TX_NONSTANDARD_DUST, refusal(POLICY,
                paying(new TxOut(100_000, P2WPKH), new TxOut(293, P2WPKH), new TxOut(545, P2PKH))));
        assertEquals(RejectReason.TX_NONSTANDARD_DUST, assertThrows(ValidationException.class,
                () -> POLICY.checkEphemeralDust(one, 1)).reason());
        POLICY.checkEphemeralDust(one, 0);
        POLICY.checkEphemeralDust(paying(new TxOut(294, P2WPKH)), 1000);
        assertEquals("dust", RejectReason.TX_NONSTANDARD_DUST.code());
    }

    @Test
    void spendingANonStandardOrUnknownWitnessOutputIsNonStandard() throws Exception {
        Transaction tx = paying(new TxOut(100_000, P2WPKH));
        for (Script s : List.of(OP_TRUE, V0_21, V2)) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> MempoolPolicy.checkInputsStandard(tx, List.of(new Coin(new TxOut(200_000, s), 1, false))));
            assertEquals(RejectReason.TX_NONSTANDARD_INPUTS, e.reason(), s.toString());
        }
        assertEquals("bad-txns-nonstandard-inputs", RejectReason.TX_NONSTANDARD_INPUTS.code());
        List<Script> standard = new ArrayList<>(List.of(P2PKH, P2PK, P2SH, P2WPKH, P2WSH, P2TR, P2A, multisig(1, 1),
                multisig(2, 3)));
        for (Script s : standard) {
            MempoolPolicy.checkInputsStandard(tx, List.of(new Coin(new TxOut(200_000, s), 1, false)));
        }
    }
}
