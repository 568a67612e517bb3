package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nakamoto.chain.script.Opcodes.*;

import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/** Spends built and signed here, run through the real interpreter. */
class StandardSpendTest {
    private static final EcPrivateKey ALICE = EcPrivateKey.of(BigInteger.valueOf(1111));
    private static final EcPrivateKey BOB = EcPrivateKey.of(BigInteger.valueOf(2222));
    private static final EcPrivateKey CAROL = EcPrivateKey.of(BigInteger.valueOf(3333));
    private static final Set<ScriptFlag> LEGACY = Set.of();

    /** An unsigned two-input, two-output transaction; input 0 is the one under test. */
    private static Transaction unsigned() {
        return new Transaction.Builder()
                .addInput(new OutPoint(Hash256.sha256d(new byte[] {1}), 0), Script.EMPTY)
                .addInput(new OutPoint(Hash256.sha256d(new byte[] {2}), 3), Script.EMPTY)
                .addOutput(40_000, StandardScripts.payToPubKeyHash(BOB.publicKey().hash160(true)))
                .addOutput(9_000, StandardScripts.payToPubKeyHash(CAROL.publicKey().hash160(true)))
                .build();
    }

    private static Transaction withScriptSig(Transaction tx, int index, Script scriptSig) {
        TxIn in = tx.inputs().get(index);
        return tx.toBuilder().setInput(index, new TxIn(in.prevout(), scriptSig, in.sequence())).build();
    }

    private static byte[] flipped(byte[] sig) {
        byte[] b = sig.clone();
        b[8] ^= 0x40; // inside r
        return b;
    }

    @Test
    void payToPubKey() {
        for (boolean compressed : new boolean[] {true, false}) {
            Script pubKeyScript = StandardScripts.payToPubKey(ALICE.publicKeyBytes(compressed));
            Transaction tx = unsigned();
            byte[] sig = LegacySigner.sign(ALICE, tx, 0, pubKeyScript, SignatureHash.ALL);
            Transaction signed = withScriptSig(tx, 0, StandardScripts.spendPayToPubKey(sig));
            assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(signed, 0, pubKeyScript, LEGACY));

            Transaction bad = withScriptSig(tx, 0, StandardScripts.spendPayToPubKey(flipped(sig)));
            assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(bad, 0, pubKeyScript, LEGACY));

            Script bobsScript = StandardScripts.payToPubKey(BOB.publicKeyBytes(compressed));
            assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(signed, 0, bobsScript, LEGACY));
            // The signature is bound to its input index.
            Transaction moved = withScriptSig(unsigned(), 1, StandardScripts.spendPayToPubKey(sig));
            assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(moved, 1, pubKeyScript, LEGACY));
        }
    }

    @Test
    void payToPubKeyHash() {
        byte[] pub = ALICE.publicKeyBytes(true);
        Script pubKeyScript = StandardScripts.payToPubKeyHash(Hashes.hash160(pub));
        Transaction tx = unsigned();
        byte[] sig = LegacySigner.sign(ALICE, tx, 0, pubKeyScript, SignatureHash.ALL);
        Transaction signed = withScriptSig(tx, 0, StandardScripts.spendPayToPubKeyHash(sig, pub));
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(signed, 0, pubKeyScript, LEGACY));

        Transaction badSig = withScriptSig(tx, 0, StandardScripts.spendPayToPubKeyHash(flipped(sig), pub));
        assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(badSig, 0, pubKeyScript, LEGACY));

        // Wrong key: its hash does not match.
        Transaction wrongKey = withScriptSig(tx, 0,
                StandardScripts.spendPayToPubKeyHash(sig, BOB.publicKeyBytes(true)));
        assertEquals(ScriptError.EQUALVERIFY, ScriptVerifier.verifyInput(wrongKey, 0, pubKeyScript, LEGACY));
        // Same key, other encoding: a different hash160, so a different owner as far as the script knows.
        Transaction otherEncoding = withScriptSig(tx, 0,
                StandardScripts.spendPayToPubKeyHash(sig, ALICE.publicKeyBytes(false)));
        assertEquals(ScriptError.EQUALVERIFY, ScriptVerifier.verifyInput(otherEncoding, 0, pubKeyScript, LEGACY));
    }

    @Test
    void hashTypesCommitToWhatTheySay() {
        Script pubKeyScript = StandardScripts.payToPubKey(ALICE.publicKeyBytes(true));
        Transaction tx = unsigned();
        Transaction.Builder otherOutput1 = tx.toBuilder();
        otherOutput1.outputs().set(1, new TxOut(1, Script.EMPTY));
        Transaction.Builder otherInput1 = tx.toBuilder();
        otherInput1.inputs().set(1, new TxIn(new OutPoint(Hash256.ZERO, 9), Script.EMPTY, 5));
        int[] types = {SignatureHash.ALL, SignatureHash.NONE, SignatureHash.SINGLE,
                SignatureHash.ALL | SignatureHash.ANYONECANPAY, SignatureHash.NONE | SignatureHash.ANYONECANPAY,
                SignatureHash.SINGLE | SignatureHash.ANYONECANPAY};
        for (int type : types) {
            Script scriptSig = StandardScripts.spendPayToPubKey(LegacySigner.sign(ALICE, tx, 0, pubKeyScript, type));
            assertEquals(ScriptError.OK,
                    ScriptVerifier.verifyInput(withScriptSig(tx, 0, scriptSig), 0, pubKeyScript, LEGACY));
            int base = type & 0x1f;
            boolean anyone = (type & SignatureHash.ANYONECANPAY) != 0;
            ScriptError expectOutput1 = base == SignatureHash.ALL ? ScriptError.EVAL_FALSE : ScriptError.OK;
            assertEquals(expectOutput1, ScriptVerifier.verifyInput(
                    withScriptSig(otherOutput1.build(), 0, scriptSig), 0, pubKeyScript, LEGACY), "output 1, " + type);
            ScriptError expectInput1 = anyone ? ScriptError.OK : ScriptError.EVAL_FALSE;
            assertEquals(expectInput1, ScriptVerifier.verifyInput(
                    withScriptSig(otherInput1.build(), 0, scriptSig), 0, pubKeyScript, LEGACY), "input 1, " + type);
        }
    }

    @Test
    void singleWithoutOutputSignsTheConstantOne() {
        // Input 2 has no output 2: its SIGHASH_SINGLE signature signs "1", valid in any transaction.
        Transaction tx = unsigned().toBuilder().addInput(new OutPoint(Hash256.ZERO, 7), Script.EMPTY).build();
        Script pubKeyScript = StandardScripts.payToPubKey(ALICE.publicKeyBytes(true));
        byte[] sig = LegacySigner.sign(ALICE, tx, 2, pubKeyScript, SignatureHash.SINGLE);
        Transaction signed = withScriptSig(tx, 2, StandardScripts.spendPayToPubKey(sig));
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(signed, 2, pubKeyScript, LEGACY));
        Transaction other = signed.toBuilder().addOutput(5, Script.EMPTY).addOutput(6, Script.EMPTY)
                .addOutput(7, Script.EMPTY).build();
        assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(other, 2, pubKeyScript, LEGACY),
                "with an output 2 it signs the real hash");
    }

    @Test
    void multiSigTwoOfThreeWithTheDummy() {
        Script pubKeyScript = new ScriptBuilder().number(2).data(ALICE.publicKeyBytes(true))
                .data(BOB.publicKeyBytes(true)).data(CAROL.publicKeyBytes(true)).number(3).op(OP_CHECKMULTISIG).build();
        Transaction tx = unsigned();
        byte[] a = LegacySigner.sign(ALICE, tx, 0, pubKeyScript, SignatureHash.ALL);
        byte[] c = LegacySigner.sign(CAROL, tx, 0, pubKeyScript, SignatureHash.ALL);
        Script ok = new ScriptBuilder().op(OP_0).data(a).data(c).build();
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(withScriptSig(tx, 0, ok), 0, pubKeyScript, LEGACY));
        // The dummy is not checked in legacy consensus.
        Script anyDummy = new ScriptBuilder().data(new byte[] {7, 7}).data(a).data(c).build();
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(withScriptSig(tx, 0, anyDummy), 0, pubKeyScript, LEGACY));
        // Signatures must come in key order.
        Script swapped = new ScriptBuilder().op(OP_0).data(c).data(a).build();
        assertEquals(ScriptError.EVAL_FALSE,
                ScriptVerifier.verifyInput(withScriptSig(tx, 0, swapped), 0, pubKeyScript, LEGACY));
        Script noDummy = new ScriptBuilder().data(a).data(c).build();
        assertEquals(ScriptError.INVALID_STACK_OPERATION,
                ScriptVerifier.verifyInput(withScriptSig(tx, 0, noDummy), 0, pubKeyScript, LEGACY));
        Script oneBad = new ScriptBuilder().op(OP_0).data(a).data(flipped(c)).build();
        assertEquals(ScriptError.EVAL_FALSE,
                ScriptVerifier.verifyInput(withScriptSig(tx, 0, oneBad), 0, pubKeyScript, LEGACY));
    }

    @Test
    void codeSeparatorChoosesTheSignedCode() {
        // <pubkey> OP_CODESEPARATOR OP_CHECKSIG signs only what follows the separator: "OP_CHECKSIG".
        Script pubKeyScript = new ScriptBuilder().data(ALICE.publicKeyBytes(true)).op(OP_CODESEPARATOR)
                .op(OP_CHECKSIG).build();
        Transaction tx = unsigned();
        byte[] good = LegacySigner.sign(ALICE, tx, 0, new ScriptBuilder().op(OP_CHECKSIG).build(), SignatureHash.ALL);
        byte[] whole = LegacySigner.sign(ALICE, tx, 0, pubKeyScript, SignatureHash.ALL);
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(
                withScriptSig(tx, 0, StandardScripts.spendPayToPubKey(good)), 0, pubKeyScript, LEGACY));
        assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(
                withScriptSig(tx, 0, StandardScripts.spendPayToPubKey(whole)), 0, pubKeyScript, LEGACY));
    }

    @Test
    void signatureIsFindAndDeletedFromTheScriptCode() {
        // scriptPubKey: <sig> OP_DROP <pubkey> OP_CHECKSIG. The signature signs the code without its own push.
        Transaction tx = unsigned();
        Script codeWithoutSig = new ScriptBuilder().op(OP_DROP).data(ALICE.publicKeyBytes(true)).op(OP_CHECKSIG).build();
        byte[] sig = LegacySigner.sign(ALICE, tx, 0, codeWithoutSig, SignatureHash.ALL);
        Script pubKeyScript = new ScriptBuilder().data(sig).op(OP_DROP).data(ALICE.publicKeyBytes(true))
                .op(OP_CHECKSIG).build();
        Transaction signed = withScriptSig(tx, 0, StandardScripts.spendPayToPubKey(sig));
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(signed, 0, pubKeyScript, LEGACY));
    }

    @Test
    void payToScriptHashOnlyWithTheFlag() {
        Script redeem = StandardScripts.payToPubKey(ALICE.publicKeyBytes(true));
        Script pubKeyScript = StandardScripts.payToScriptHash(Hashes.hash160(redeem.bytes()));
        Transaction tx = unsigned();
        byte[] sig = LegacySigner.sign(ALICE, tx, 0, redeem, SignatureHash.ALL);
        Set<ScriptFlag> p2sh = Set.of(ScriptFlag.P2SH);

        Transaction good = withScriptSig(tx, 0, new ScriptBuilder().data(sig).data(redeem.bytes()).build());
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(good, 0, pubKeyScript, p2sh));
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(good, 0, pubKeyScript, LEGACY));

        Transaction bad = withScriptSig(tx, 0, new ScriptBuilder().data(flipped(sig)).data(redeem.bytes()).build());
        assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(bad, 0, pubKeyScript, p2sh));
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(bad, 0, pubKeyScript, LEGACY),
                "before BIP 16 only the hash was checked");

        Transaction notPushOnly = withScriptSig(tx, 0,
                new ScriptBuilder().data(sig).op(OP_NOP).data(redeem.bytes()).build());
        assertEquals(ScriptError.SIG_PUSHONLY, ScriptVerifier.verifyInput(notPushOnly, 0, pubKeyScript, p2sh));
    }
}
