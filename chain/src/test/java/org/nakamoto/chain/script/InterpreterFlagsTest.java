package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.chain.script.Opcodes.*;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.crypto.Secp256k1;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;

/**
 * The flags where Core's legacy vectors are thin: high S, undefined hash types, hybrid keys, FindAndDelete
 * and OP_CODESEPARATOR under CONST_SCRIPTCODE, MINIMALIF (witness v0 only), NULLFAIL in CHECKMULTISIG,
 * and the lock-time checks of the transaction checker.
 */
class InterpreterFlagsTest {
    private static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(4242));

    private static Transaction spend(int version, long sequence, long lockTime) {
        return new Transaction.Builder()
                .version(version)
                .addInput(new TxIn(new OutPoint(Hash256.sha256d(new byte[] {7}), 0), Script.EMPTY, sequence))
                .addOutput(1_000, Script.EMPTY)
                .lockTime(lockTime)
                .build();
    }

    private static ScriptError verify(Transaction tx, Script scriptSig, Script scriptPubKey, ScriptFlag... flags) {
        Set<ScriptFlag> set = flags.length == 0 ? EnumSet.noneOf(ScriptFlag.class) : EnumSet.copyOf(Arrays.asList(flags));
        return ScriptVerifier.verify(scriptSig, scriptPubKey, new TransactionSignatureChecker(tx, 0), set);
    }

    private static ScriptError run(String scriptPubKeyHex, ScriptFlag... flags) {
        return verify(spend(1, TxIn.SEQUENCE_FINAL, 0), Script.EMPTY, Script.fromHex(scriptPubKeyHex), flags);
    }

    private static Script push(byte[] data) {
        return new ScriptBuilder().data(data).build();
    }

    @Test
    void highSFailsOnlyUnderLowS() {
        Transaction tx = spend(1, TxIn.SEQUENCE_FINAL, 0);
        Script p2pk = StandardScripts.payToPubKey(KEY.publicKeyBytes(true));
        byte[] sig = LegacySigner.sign(KEY, tx, 0, p2pk, SignatureHash.ALL);
        EcdsaSignature low = EcdsaSignature.parseLaxDer(Arrays.copyOf(sig, sig.length - 1)).orElseThrow();
        byte[] highDer = new EcdsaSignature(low.r(), Secp256k1.N.subtract(low.s())).encodeDer();
        byte[] high = Arrays.copyOf(highDer, highDer.length + 1);
        high[highDer.length] = SignatureHash.ALL;
        assertEquals(ScriptError.OK, verify(tx, push(high), p2pk));
        assertEquals(ScriptError.OK, verify(tx, push(high), p2pk, ScriptFlag.DERSIG, ScriptFlag.STRICTENC));
        assertEquals(ScriptError.SIG_HIGH_S, verify(tx, push(high), p2pk, ScriptFlag.LOW_S));
        assertEquals(ScriptError.OK, verify(tx, push(sig), p2pk, ScriptFlag.LOW_S));
    }

    @Test
    void undefinedHashTypeAndHybridKeyFailOnlyUnderStrictEnc() {
        Transaction tx = spend(1, TxIn.SEQUENCE_FINAL, 0);
        Script p2pk = StandardScripts.payToPubKey(KEY.publicKeyBytes(true));
        // Base type 4 is no mode: legacy hashing treats it as ALL but still commits to the byte.
        byte[] oddType = LegacySigner.sign(KEY, tx, 0, p2pk, 0x04);
        assertEquals(ScriptError.OK, verify(tx, push(oddType), p2pk, ScriptFlag.DERSIG, ScriptFlag.LOW_S));
        assertEquals(ScriptError.SIG_HASHTYPE, verify(tx, push(oddType), p2pk, ScriptFlag.STRICTENC));
        byte[] anyoneCanPay = LegacySigner.sign(KEY, tx, 0, p2pk, SignatureHash.SINGLE | SignatureHash.ANYONECANPAY);
        assertEquals(ScriptError.OK, verify(tx, push(anyoneCanPay), p2pk, ScriptFlag.STRICTENC));

        // A hybrid key (prefix 06/07: uncompressed, parity repeated) is valid consensus, not STRICTENC.
        byte[] hybrid = KEY.publicKeyBytes(false);
        hybrid[0] = (byte) ((hybrid[64] & 1) == 0 ? 0x06 : 0x07);
        Script hybridP2pk = StandardScripts.payToPubKey(hybrid);
        byte[] sig = LegacySigner.sign(KEY, tx, 0, hybridP2pk, SignatureHash.ALL);
        assertEquals(ScriptError.OK, verify(tx, push(sig), hybridP2pk, ScriptFlag.DERSIG, ScriptFlag.LOW_S));
        assertEquals(ScriptError.PUBKEYTYPE, verify(tx, push(sig), hybridP2pk, ScriptFlag.STRICTENC));
    }

    @Test
    void constScriptCodeRefusesFindAndDeleteAndCodeSeparators() {
        Transaction tx = spend(1, TxIn.SEQUENCE_FINAL, 0);
        // The signature signs the code with itself removed, then is planted in the scriptPubKey:
        // valid only because FindAndDelete takes it out again.
        Script signedCode = new ScriptBuilder().op(OP_DROP).data(KEY.publicKeyBytes(true)).op(OP_CHECKSIG).build();
        byte[] sig = LegacySigner.sign(KEY, tx, 0, signedCode, SignatureHash.ALL);
        Script spk = new ScriptBuilder().data(sig).op(OP_DROP).data(KEY.publicKeyBytes(true)).op(OP_CHECKSIG).build();
        assertEquals(ScriptError.OK, verify(tx, push(sig), spk, ScriptFlag.P2SH, ScriptFlag.STRICTENC));
        assertEquals(ScriptError.SIG_FINDANDDELETE, verify(tx, push(sig), spk, ScriptFlag.CONST_SCRIPTCODE));

        // OP_CODESEPARATOR fails the script even in a branch that does not run.
        String separatorSkipped = "00" + "63" + "ab" + "68" + "51";
        assertEquals(ScriptError.OK, run(separatorSkipped));
        assertEquals(ScriptError.OP_CODESEPARATOR, run(separatorSkipped, ScriptFlag.CONST_SCRIPTCODE));
        // Witness scripts have no FindAndDelete and may keep their separators.
        int constScriptCode = ScriptFlag.CONST_SCRIPTCODE.bit;
        assertEquals(ScriptError.OK, Interpreter.eval(Script.fromHex(separatorSkipped).bytes(), new ScriptStack(),
                SignatureChecker.NONE, constScriptCode, SigVersion.WITNESS_V0));
    }

    @Test
    void minimalIfAppliesToWitnessScriptsOnly() {
        int minimalIf = ScriptFlag.MINIMALIF.bit;
        for (String arg : new String[] {"0102", "020100", "0180"}) {
            String script = arg + "63" + "51" + "67" + "51" + "68";
            assertEquals(ScriptError.MINIMALIF, Interpreter.eval(Script.fromHex(script).bytes(), new ScriptStack(),
                    SignatureChecker.NONE, minimalIf, SigVersion.WITNESS_V0), arg);
            assertEquals(ScriptError.OK, Interpreter.eval(Script.fromHex(script).bytes(), new ScriptStack(),
                    SignatureChecker.NONE, minimalIf, SigVersion.BASE), arg);
            assertEquals(ScriptError.OK, Interpreter.eval(Script.fromHex(script).bytes(), new ScriptStack(),
                    SignatureChecker.NONE, 0, SigVersion.WITNESS_V0), arg);
        }
        for (String arg : new String[] {"00", "51", "0101"}) {
            assertEquals(ScriptError.OK, Interpreter.eval(Script.fromHex(arg + "635167516" + "8").bytes(),
                    new ScriptStack(), SignatureChecker.NONE, minimalIf, SigVersion.WITNESS_V0), arg);
        }
    }

    @Test
    void nullFailAndNullDummyInCheckMultiSig() {
        String key = "21" + "02" + "11".repeat(32);
        // 1-of-2, dummy first; every signature check fails.
        String withGarbageSig = "00" + "01aa" + "51" + key + key + "52" + "ae";
        assertEquals(ScriptError.EVAL_FALSE, run(withGarbageSig));
        assertEquals(ScriptError.SIG_NULLFAIL, run(withGarbageSig, ScriptFlag.NULLFAIL));
        String withEmptySig = "00" + "00" + "51" + key + key + "52" + "ae";
        assertEquals(ScriptError.EVAL_FALSE, run(withEmptySig, ScriptFlag.NULLFAIL));
        // A key that is garbage is no NULLFAIL matter: only signatures must be empty.
        String garbageKeys = "00" + "00" + "51" + "01bb" + "01cc" + "52" + "ae";
        assertEquals(ScriptError.EVAL_FALSE, run(garbageKeys, ScriptFlag.NULLFAIL));
        assertEquals(ScriptError.SIG_NULLFAIL, run("01aa" + key + "ac", ScriptFlag.NULLFAIL));

        String nonEmptyDummy = "51" + "00" + "00" + "ae";
        assertEquals(ScriptError.OK, run(nonEmptyDummy));
        assertEquals(ScriptError.SIG_NULLDUMMY, run(nonEmptyDummy, ScriptFlag.NULLDUMMY));
        assertEquals(ScriptError.OK, run("00" + "00" + "00" + "ae", ScriptFlag.NULLDUMMY));
        // Under MINIMALDATA the counts are script numbers like any other.
        assertEquals(ScriptError.SCRIPTNUM, run("00" + "00" + "020000" + "ae", ScriptFlag.MINIMALDATA));
    }

    @Test
    void lockTimeChecksFollowBip65And112() {
        SignatureChecker locked = new TransactionSignatureChecker(spend(1, 0, 100), 0);
        assertTrue(locked.checkLockTime(100));
        assertTrue(locked.checkLockTime(0));
        assertFalse(locked.checkLockTime(101));
        assertFalse(locked.checkLockTime(500_000_000L), "a time against a height");
        assertFalse(new TransactionSignatureChecker(spend(1, TxIn.SEQUENCE_FINAL, 100), 0).checkLockTime(50),
                "a final sequence disables the lock time");
        SignatureChecker timeLocked = new TransactionSignatureChecker(spend(1, 0, 600_000_000L), 0);
        assertTrue(timeLocked.checkLockTime(500_000_000L));
        assertFalse(timeLocked.checkLockTime(100));

        long typeFlag = 1L << 22;
        assertFalse(new TransactionSignatureChecker(spend(1, 10, 0), 0).checkSequence(5), "version 1");
        SignatureChecker relative = new TransactionSignatureChecker(spend(2, 10, 0), 0);
        assertTrue(relative.checkSequence(10));
        assertTrue(relative.checkSequence(10 | 0x10000), "bits outside the mask do not count");
        assertFalse(relative.checkSequence(11));
        assertFalse(relative.checkSequence(typeFlag | 5), "time units against blocks");
        assertTrue(new TransactionSignatureChecker(spend(-1, 10, 0), 0).checkSequence(10), "version is unsigned");
        assertFalse(new TransactionSignatureChecker(spend(2, (1L << 31) | 10, 0), 0).checkSequence(5),
                "the input's own lock disabled");

        // In scripts: the operand stays on the stack, and the opcodes are plain NOPs without their flags.
        Transaction tx = spend(2, 10, 100);
        Script cltv = Script.fromHex("0164" + "b1");
        assertEquals(ScriptError.OK, verify(tx, Script.EMPTY, cltv, ScriptFlag.CHECKLOCKTIMEVERIFY));
        assertEquals(ScriptError.UNSATISFIED_LOCKTIME, verify(tx, Script.EMPTY, Script.fromHex("0165" + "b1"),
                ScriptFlag.CHECKLOCKTIMEVERIFY));
        assertEquals(ScriptError.NEGATIVE_LOCKTIME, verify(tx, Script.EMPTY, Script.fromHex("4f" + "b1"),
                ScriptFlag.CHECKLOCKTIMEVERIFY));
        assertEquals(ScriptError.OK, verify(tx, Script.EMPTY, Script.fromHex("5a" + "b2"), ScriptFlag.CHECKSEQUENCEVERIFY));
        assertEquals(ScriptError.UNSATISFIED_LOCKTIME, verify(tx, Script.EMPTY, Script.fromHex("5b" + "b2"),
                ScriptFlag.CHECKSEQUENCEVERIFY));
        assertEquals(ScriptError.OK, verify(tx, Script.EMPTY, Script.fromHex("5b" + "b1" + "b2"),
                ScriptFlag.DISCOURAGE_UPGRADABLE_NOPS));
        assertEquals(ScriptError.DISCOURAGE_UPGRADABLE_NOPS, verify(tx, Script.EMPTY, Script.fromHex("51" + "b3"),
                ScriptFlag.DISCOURAGE_UPGRADABLE_NOPS));
    }

    @Test
    void scriptSigAndFinalStackRules() {
        Transaction tx = spend(1, TxIn.SEQUENCE_FINAL, 0);
        Script nopSig = Script.fromHex("5161");
        assertEquals(ScriptError.OK, verify(tx, nopSig, Script.fromHex("51")));
        assertEquals(ScriptError.SIG_PUSHONLY, verify(tx, nopSig, Script.fromHex("51"), ScriptFlag.SIGPUSHONLY));
        Script twoItems = Script.fromHex("5151");
        assertEquals(ScriptError.OK, verify(tx, twoItems, Script.fromHex("61"), ScriptFlag.P2SH));
        assertEquals(ScriptError.CLEANSTACK, verify(tx, twoItems, Script.fromHex("61"), ScriptFlag.P2SH,
                ScriptFlag.CLEANSTACK));
        assertEquals(ScriptError.OK, verify(tx, twoItems, Script.fromHex("75"), ScriptFlag.P2SH, ScriptFlag.CLEANSTACK));
        // MINIMALDATA: pushes and numeric operands.
        assertEquals(ScriptError.OK, run("4c0105"));
        assertEquals(ScriptError.MINIMALDATA, run("4c0105", ScriptFlag.MINIMALDATA));
        assertEquals(ScriptError.MINIMALDATA, run("0105", ScriptFlag.MINIMALDATA));
        assertEquals(ScriptError.SCRIPTNUM, run("020100" + "8b", ScriptFlag.MINIMALDATA));
        assertEquals(ScriptError.OK, run("020100" + "8b"));
    }
}
