package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.chain.script.Opcodes.*;
import static org.nakamoto.chain.script.TaprootSpends.CONSENSUS;
import static org.nakamoto.chain.script.TaprootSpends.STANDARD;
import static org.nakamoto.chain.script.TaprootSpends.coins;
import static org.nakamoto.chain.script.TaprootSpends.flipped;
import static org.nakamoto.chain.script.TaprootSpends.key;
import static org.nakamoto.chain.script.TaprootSpends.sibling;
import static org.nakamoto.chain.script.TaprootSpends.signLeaf;
import static org.nakamoto.chain.script.TaprootSpends.spending;
import static org.nakamoto.chain.script.TaprootSpends.verify;
import static org.nakamoto.chain.script.TaprootSpends.withWitness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.script.TaprootSpends.Tree;

/**
 * BIP 341 script paths and BIP 342 tapscript, one rule per test, each on a real transaction whose
 * signatures are BIP340 signatures of BIP 342's signature hash: control blocks and trees, leaf versions,
 * OP_SUCCESSx, CHECKSIG/CHECKSIGADD semantics, the validation weight budget, code separators, the limits
 * tapscript drops and the ones it keeps.
 */
class TapscriptTest {
    private static final EcPrivateKey A = key(10);
    private static final EcPrivateKey B = key(11);
    private static final EcPrivateKey C = key(12);
    private static final long NO_SEP = ScriptExecutionData.NO_CODE_SEPARATOR;

    /** A one-input, one-output spend of {@code tree}'s output: the transaction and the coin it spends. */
    private record Spend(Transaction tx, List<TxOut> spent, Tree tree) {
        static Spend of(Tree tree) {
            Transaction tx = spending(1, 1);
            return new Spend(tx, coins(tx, tree.scriptPubKey()), tree);
        }

        PrecomputedTxData data() {
            return new PrecomputedTxData(tx, spent);
        }

        byte[] sign(EcPrivateKey key) {
            return signLeaf(key, data(), 0, TaprootSignatureHash.DEFAULT, tree.leafHash(), NO_SEP, null);
        }

        /** Verifies with the leaf's witness: {@code inputs}, the script, the control block. */
        ScriptError run(Set<ScriptFlag> flags, byte[]... inputs) {
            return runRaw(flags, tree.witness(inputs));
        }

        ScriptError runRaw(Set<ScriptFlag> flags, byte[]... witness) {
            return verify(withWitness(tx, 0, witness), spent, flags);
        }
    }

    private static ScriptBuilder script() {
        return new ScriptBuilder();
    }

    private static Spend leaf(ScriptBuilder script, byte[]... path) {
        return Spend.of(Tree.tapscript(script.build(), path));
    }

    private static Script checkSig(EcPrivateKey key) {
        return script().data(key.xOnlyPublicKey()).op(OP_CHECKSIG).build();
    }

    @Test
    void aTwoLeafTreeSpendsEitherLeafWithItsSiblingAsPath() {
        Script leafA = checkSig(A);
        Script leafB = checkSig(B);
        byte[] hashA = Taproot.leafHash(Taproot.LEAF_VERSION_TAPSCRIPT, leafA.bytes());
        byte[] hashB = Taproot.leafHash(Taproot.LEAF_VERSION_TAPSCRIPT, leafB.bytes());
        Spend viaA = Spend.of(Tree.tapscript(leafA, hashB));
        Spend viaB = Spend.of(Tree.tapscript(leafB, hashA));
        assertArrayEquals(viaA.tree().scriptPubKey(), viaB.tree().scriptPubKey(),
                "one tree, one output, whichever leaf spends it");
        assertEquals(ScriptError.OK, viaA.run(CONSENSUS, viaA.sign(A)));
        assertEquals(ScriptError.OK, viaB.run(STANDARD, viaB.sign(B)));
        assertEquals(ScriptError.SCHNORR_SIG, viaA.run(CONSENSUS, viaA.sign(B)), "B signs, A's key checks");
        // Leaf B's script under leaf A's control block: the tree does not commit to that.
        assertEquals(ScriptError.WITNESS_PROGRAM_MISMATCH, viaA.runRaw(CONSENSUS, viaA.sign(B), leafB.bytes(),
                viaA.tree().control()));
    }

    @Test
    void aDeepTreeUpToBip341sMaximumOf128Levels() {
        byte[][] path = new byte[Taproot.CONTROL_MAX_NODE_COUNT][];
        for (int i = 0; i < path.length; i++) {
            path[i] = sibling(i);
        }
        Spend deep = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIG), path);
        assertEquals(Taproot.CONTROL_MAX_SIZE, deep.tree().control().length);
        assertEquals(ScriptError.OK, deep.run(CONSENSUS, deep.sign(A)));
        // One level fewer in the control block: the proof reaches another root.
        byte[] shorter = Arrays.copyOf(deep.tree().control(), Taproot.CONTROL_MAX_SIZE - 32);
        assertEquals(ScriptError.WITNESS_PROGRAM_MISMATCH, deep.runRaw(CONSENSUS, deep.sign(A),
                deep.tree().script(), shorter));
        // A sibling changed deep down.
        byte[] tampered = deep.tree().control().clone();
        tampered[Taproot.CONTROL_MAX_SIZE - 1] ^= 1;
        assertEquals(ScriptError.WITNESS_PROGRAM_MISMATCH, deep.runRaw(CONSENSUS, deep.sign(A),
                deep.tree().script(), tampered));
    }

    @Test
    void controlBlockSizeIs33Plus32kUpTo128() {
        Spend s = leaf(script().op(OP_1));
        byte[] control = s.tree().control();
        for (int size : new int[] {0, 1, 32, 34, 64, 66, Taproot.CONTROL_MAX_SIZE + 32, Taproot.CONTROL_MAX_SIZE + 1}) {
            byte[] c = Arrays.copyOf(control, size);
            assertEquals(ScriptError.TAPROOT_WRONG_CONTROL_SIZE, s.runRaw(CONSENSUS, s.tree().script(), c),
                    "control block of " + size + " bytes");
        }
        assertEquals(ScriptError.OK, s.runRaw(CONSENSUS, s.tree().script(), control));
    }

    @Test
    void theControlBlocksParityBitMustMatchTheOutputKey() {
        Spend s = leaf(script().op(OP_1));
        byte[] wrongParity = s.tree().control().clone();
        wrongParity[0] ^= 1;
        assertEquals(ScriptError.WITNESS_PROGRAM_MISMATCH, s.runRaw(CONSENSUS, s.tree().script(), wrongParity));
        byte[] otherInternal = s.tree().control().clone();
        otherInternal[5] ^= 1;
        assertEquals(ScriptError.WITNESS_PROGRAM_MISMATCH, s.runRaw(CONSENSUS, s.tree().script(), otherInternal));
    }

    @Test
    void unknownLeafVersionsSucceedUnlessDiscouraged() {
        // OP_RETURN would fail any script that ran; a leaf of version 0xc2 does not run.
        Spend s = Spend.of(Tree.of(new byte[] {(byte) OP_RETURN}, 0xc2));
        assertEquals(ScriptError.OK, s.run(CONSENSUS));
        assertEquals(ScriptError.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION, s.run(STANDARD));
        // The leaf version is committed to: the same script claimed as tapscript is another leaf.
        byte[] asTapscript = s.tree().control().clone();
        asTapscript[0] = (byte) (Taproot.LEAF_VERSION_TAPSCRIPT | (asTapscript[0] & 1));
        assertEquals(ScriptError.WITNESS_PROGRAM_MISMATCH, s.runRaw(CONSENSUS, s.tree().script(), asTapscript));
    }

    @Test
    void checkSigAddTwoOfThree() {
        Spend s = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIG).data(B.xOnlyPublicKey()).op(OP_CHECKSIGADD)
                .data(C.xOnlyPublicKey()).op(OP_CHECKSIGADD).number(2).op(OP_NUMEQUAL));
        byte[] none = new byte[0];
        // The witness lists the signatures in reverse: C's is deepest, A's on top.
        assertEquals(ScriptError.OK, s.run(STANDARD, s.sign(C), none, s.sign(A)));
        assertEquals(ScriptError.OK, s.run(STANDARD, none, s.sign(B), s.sign(A)));
        assertEquals(ScriptError.OK, s.run(CONSENSUS, s.sign(C), s.sign(B), none));
        assertEquals(ScriptError.EVAL_FALSE, s.run(CONSENSUS, s.sign(C), s.sign(B), s.sign(A)), "three is not two");
        assertEquals(ScriptError.EVAL_FALSE, s.run(CONSENSUS, none, none, s.sign(A)));
        // A wrong non-empty signature is no "false": it fails the script (BIP 342's NULLFAIL, as consensus).
        assertEquals(ScriptError.SCHNORR_SIG, s.run(CONSENSUS, s.sign(C), s.sign(A), none));
        assertEquals(ScriptError.SCHNORR_SIG, s.run(CONSENSUS, flipped(s.sign(C)), none, s.sign(A)));
    }

    @Test
    void checkSigAddAddsToAScriptNumber() {
        // 5 [empty sig] ... CHECKSIGADD leaves 5; with a signature, 6. Operands are 4-byte script numbers.
        Spend s = leaf(script().number(0x7fffffffL).data(A.xOnlyPublicKey()).op(OP_CHECKSIGADD)
                .data(ScriptNum.encode(0x80000000L)).op(OP_EQUAL));
        assertEquals(ScriptError.OK, s.run(CONSENSUS, s.sign(A)));
        assertEquals(ScriptError.EVAL_FALSE, s.run(CONSENSUS, new byte[0]));
        Spend tooWide = leaf(script().data(ScriptNum.encode(0x80000000L)).data(A.xOnlyPublicKey())
                .op(OP_CHECKSIGADD));
        assertEquals(ScriptError.SCRIPTNUM, tooWide.run(CONSENSUS, new byte[0]));
        Spend short2 = leaf(script().number(1).op(OP_CHECKSIGADD));
        assertEquals(ScriptError.INVALID_STACK_OPERATION, short2.run(CONSENSUS, new byte[0]));
    }

    @Test
    void checkSigAddIsAnUnknownOpcodeOutsideTapscript() {
        byte[] witnessScript = script().op(OP_0).op(OP_0).op(OP_0).op(OP_CHECKSIGADD).build().bytes();
        Transaction tx = spending(1, 1);
        byte[] p2wsh = StandardScripts.payToWitnessScriptHash(Hashes.sha256(witnessScript))
                .bytes();
        assertEquals(ScriptError.BAD_OPCODE, verify(withWitness(tx, 0, witnessScript), coins(tx, p2wsh), CONSENSUS));
    }

    @Test
    void checkSigSemantics() {
        Spend s = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIG));
        // An empty signature is a failed check pushing false, not an error.
        assertEquals(ScriptError.EVAL_FALSE, s.run(CONSENSUS, new byte[0]));
        Spend not = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIG).op(OP_NOT));
        assertEquals(ScriptError.OK, not.run(STANDARD, new byte[0]));
        assertEquals(ScriptError.SCHNORR_SIG, not.run(CONSENSUS, flipped(not.sign(A))));
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, not.run(CONSENSUS, new byte[63]));
        Spend verify = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIGVERIFY).op(OP_1));
        assertEquals(ScriptError.OK, verify.run(CONSENSUS, verify.sign(A)));
        assertEquals(ScriptError.CHECKSIGVERIFY, verify.run(CONSENSUS, new byte[0]));

        // An empty key fails even with an empty signature.
        Spend emptyKey = leaf(script().op(OP_0).op(OP_CHECKSIG).op(OP_NOT));
        assertEquals(ScriptError.TAPSCRIPT_EMPTY_PUBKEY, emptyKey.run(CONSENSUS, new byte[0]));
        // A key neither empty nor 32 bytes is a future key type: its check succeeds, unless discouraged.
        Spend futureKey = leaf(script().data(A.publicKeyBytes(true)).op(OP_CHECKSIG));
        assertEquals(ScriptError.OK, futureKey.run(CONSENSUS, new byte[] {1}));
        assertEquals(ScriptError.DISCOURAGE_UPGRADABLE_PUBKEYTYPE, futureKey.run(STANDARD, new byte[] {1}));
        assertEquals(ScriptError.EVAL_FALSE, futureKey.run(CONSENSUS, new byte[0]), "an empty signature still fails");
    }

    @Test
    void checkMultiSigIsNotInTapscript() {
        Spend s = leaf(script().op(OP_1).data(A.xOnlyPublicKey()).op(OP_1).op(OP_CHECKMULTISIG));
        assertEquals(ScriptError.TAPSCRIPT_CHECKMULTISIG, s.run(CONSENSUS, new byte[0], s.sign(A)));
        Spend unexecuted = leaf(script().op(OP_0).op(OP_IF).op(OP_CHECKMULTISIGVERIFY).op(OP_ENDIF).op(OP_1));
        assertEquals(ScriptError.OK, unexecuted.run(CONSENSUS), "only an executed CHECKMULTISIG fails");
    }

    @Test
    void everyHashTypeSignsATapscriptToo() {
        Tree tree = Tree.tapscript(checkSig(A));
        Transaction tx = spending(2, 2);
        List<TxOut> spent = coins(tx, tree.scriptPubKey());
        PrecomputedTxData data = new PrecomputedTxData(tx, spent);
        for (int hashType : new int[] {0x00, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83}) {
            Transaction t = tx;
            for (int i = 0; i < 2; i++) {
                t = withWitness(t, i, tree.witness(signLeaf(A, data, i, hashType, tree.leafHash(), NO_SEP, null)));
            }
            assertEquals(ScriptError.OK, verify(t, spent, STANDARD), "hash type " + hashType);
            assertEquals(ScriptError.SCHNORR_SIG, verify(t, List.of(spent.get(0), new TxOut(1, spent.get(1)
                    .scriptPubKey())), CONSENSUS), "hash type " + hashType + " signs the amount");
        }
        // The leaf hash is signed: a key-path signature hash does not verify in a script.
        byte[] keyPathHash = TaprootSignatureHash.compute(data, 0, 0, SigVersion.TAPROOT, new ScriptExecutionData());
        Transaction wrongHash = withWitness(tx, 0, tree.witness(A.signSchnorr(keyPathHash, TaprootSpends.AUX)));
        assertEquals(ScriptError.SCHNORR_SIG, verify(wrongHash, spent, CONSENSUS));
    }

    @Test
    void undefinedHashTypesAndSingleWithoutItsOutputInTapscript() {
        Tree tree = Tree.tapscript(checkSig(A));
        Transaction tx = spending(2, 1);
        List<TxOut> spent = coins(tx, tree.scriptPubKey());
        PrecomputedTxData data = new PrecomputedTxData(tx, spent);
        Transaction first = withWitness(tx, 0, tree.witness(signLeaf(A, data, 0, 0, tree.leafHash(), NO_SEP, null)));
        byte[] sig = signLeaf(A, data, 1, SignatureHash.ALL, tree.leafHash(), NO_SEP, null);
        assertEquals(ScriptError.OK, verify(withWitness(first, 1, tree.witness(sig)), spent, CONSENSUS));
        // Input 1 has no output 1: SINGLE has nothing to sign there.
        for (int hashType : new int[] {SignatureHash.SINGLE, 0x83, 0x04, 0x84, 0x00}) {
            sig[64] = (byte) hashType;
            assertEquals(ScriptError.SCHNORR_SIG_HASHTYPE, verify(withWitness(first, 1, tree.witness(sig)), spent,
                    CONSENSUS), "hash type " + hashType);
        }
    }

    @Test
    void annexOnAScriptPathIsSigned() {
        Spend s = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIG));
        byte[] annex = {0x50, 0x77};
        byte[] sig = signLeaf(A, s.data(), 0, 0, s.tree().leafHash(), NO_SEP, TaprootSpends.annexHash(annex));
        assertEquals(ScriptError.OK, s.runRaw(CONSENSUS, sig, s.tree().script(), s.tree().control(), annex));
        assertEquals(ScriptError.SCHNORR_SIG, s.runRaw(CONSENSUS, sig, s.tree().script(), s.tree().control()));
    }

    @Test
    void codeSeparatorPositionIsTheIndexOfTheLastExecutedOne() {
        // A CHECKSIGVERIFY, then (opcode 2) a separator, then A CHECKSIG: the second signature signs position 2.
        Spend s = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIGVERIFY).op(OP_CODESEPARATOR)
                .data(A.xOnlyPublicKey()).op(OP_CHECKSIG));
        PrecomputedTxData data = s.data();
        byte[] before = signLeaf(A, data, 0, 0, s.tree().leafHash(), NO_SEP, null);
        byte[] after = signLeaf(A, data, 0, 0, s.tree().leafHash(), 2, null);
        assertEquals(ScriptError.OK, s.run(CONSENSUS, after, before));
        assertEquals(ScriptError.SCHNORR_SIG, s.run(CONSENSUS, before, before));
        assertEquals(ScriptError.SCHNORR_SIG, s.run(CONSENSUS, after, after));
        // A separator in a branch not taken is not executed and changes nothing.
        Spend skipped = leaf(script().op(OP_0).op(OP_IF).op(OP_CODESEPARATOR).op(OP_ENDIF)
                .data(A.xOnlyPublicKey()).op(OP_CHECKSIG));
        assertEquals(ScriptError.OK, skipped.run(CONSENSUS, skipped.sign(A)));
    }

    @Test
    void theValidationWeightBudgetIsFiftyPlusTheWitnessSize() {
        // n checks of a future-type key (no signature math) with a one-byte signature: each costs 50.
        for (int n = 1; n <= 12; n++) {
            ScriptBuilder b = script();
            for (int i = 0; i < n; i++) {
                b.op(OP_DUP).data(A.publicKeyBytes(true)).op(OP_CHECKSIGVERIFY);
            }
            Spend s = leaf(b);
            byte[][] witness = s.tree().witness(new byte[] {1});
            long budget = Witness.of(witness).serializedSize() + 50L;
            ScriptError expected = 50L * n <= budget ? ScriptError.OK : ScriptError.TAPSCRIPT_VALIDATION_WEIGHT;
            assertEquals(expected, s.runRaw(CONSENSUS, witness), n + " checks against a budget of " + budget);
        }
        // Empty signatures cost nothing: a hundred of them fit any budget.
        ScriptBuilder b = script();
        for (int i = 0; i < 100; i++) {
            b.op(OP_0).data(A.xOnlyPublicKey()).op(OP_CHECKSIG).op(OP_DROP);
        }
        assertEquals(ScriptError.OK, leaf(b.op(OP_1)).run(CONSENSUS));
        // Padding the witness (here with an annex, which counts) buys budget.
        ScriptBuilder twelve = script();
        for (int i = 0; i < 12; i++) {
            twelve.op(OP_DUP).data(A.publicKeyBytes(true)).op(OP_CHECKSIGVERIFY);
        }
        Spend s = leaf(twelve);
        byte[] annex = new byte[200];
        annex[0] = 0x50;
        assertEquals(ScriptError.TAPSCRIPT_VALIDATION_WEIGHT, s.run(CONSENSUS, new byte[] {1}));
        assertEquals(ScriptError.OK, s.runRaw(CONSENSUS, new byte[] {1}, s.tree().script(), s.tree().control(), annex));
    }

    @Test
    void opSuccessDecidesBeforeAnythingRuns() {
        for (int op : new int[] {0x50, 0x62, OP_CAT, 0x89, 0xbb, 0xfe}) {
            Spend s = leaf(script().op(OP_RETURN).op(op));
            assertEquals(ScriptError.OK, s.run(CONSENSUS), "OP_SUCCESS" + op);
            assertEquals(ScriptError.DISCOURAGE_OP_SUCCESS, s.run(STANDARD), "OP_SUCCESS" + op);
        }
        // Even in a branch never taken, after a push larger than 520 bytes, with too many items to start.
        Spend branch = leaf(script().op(OP_0).op(OP_IF).op(0xbb).op(OP_ENDIF).op(OP_0));
        assertEquals(ScriptError.OK, branch.run(CONSENSUS));
        Spend big = leaf(script().data(new byte[521]).op(0x50));
        assertEquals(ScriptError.OK, big.run(CONSENSUS));
        assertEquals(ScriptError.OK, big.run(CONSENSUS, new byte[600]), "witness items over 520 bytes too");
        assertEquals(ScriptError.OK, big.run(CONSENSUS, items(1001)));
        // A push running past the end before any OP_SUCCESS is a malformed script.
        Spend truncated = Spend.of(Tree.of(new byte[] {0x4c, 0x05, 0x01}, Taproot.LEAF_VERSION_TAPSCRIPT));
        assertEquals(ScriptError.BAD_OPCODE, truncated.run(CONSENSUS));
        Spend truncatedAfter = Spend.of(Tree.of(new byte[] {0x50, 0x4c, 0x05}, Taproot.LEAF_VERSION_TAPSCRIPT));
        assertEquals(ScriptError.OK, truncatedAfter.run(CONSENSUS));
    }

    @Test
    void minimalIfIsConsensusInTapscript() {
        Spend s = leaf(script().op(OP_IF).op(OP_1).op(OP_ELSE).op(OP_0).op(OP_ENDIF));
        assertEquals(ScriptError.OK, s.run(CONSENSUS, new byte[] {1}));
        EnumSet<ScriptFlag> noPolicy = EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.TAPROOT);
        for (byte[] notMinimal : new byte[][] {{2}, {1, 0}, {0}, {(byte) 0x80}}) {
            assertEquals(ScriptError.TAPSCRIPT_MINIMALIF, s.run(noPolicy, notMinimal), Arrays.toString(notMinimal));
        }
        Spend notIf = leaf(script().op(OP_NOTIF).op(OP_1).op(OP_ELSE).op(OP_0).op(OP_ENDIF));
        assertEquals(ScriptError.OK, notIf.run(noPolicy, new byte[0]));
        assertEquals(ScriptError.TAPSCRIPT_MINIMALIF, notIf.run(noPolicy, new byte[] {0}));
    }

    @Test
    void stackLimitOf1000AtTheStartAndThroughout() {
        ScriptBuilder dropAllButOne = script();
        for (int i = 0; i < 999; i++) {
            dropAllButOne.op(OP_DROP);
        }
        Spend s = leaf(dropAllButOne);
        assertEquals(ScriptError.OK, s.run(CONSENSUS, items(1000)));
        assertEquals(ScriptError.STACK_SIZE, s.run(CONSENSUS, items(1001)), "checked before the script runs");
        Spend grow = leaf(script().op(OP_DUP).op(OP_TOALTSTACK).op(OP_DROP).op(OP_DROP));
        assertEquals(ScriptError.OK, grow.run(CONSENSUS, items(3)));
        assertEquals(ScriptError.STACK_SIZE, grow.run(CONSENSUS, items(1000)), "stack and altstack count together");
    }

    @Test
    void noScriptSizeOrOpcodeLimitButElementsStay520Bytes() {
        ScriptBuilder big = script();
        for (int i = 0; i < 20; i++) {
            big.data(new byte[520]).op(OP_DROP);
        }
        Spend large = leaf(big.op(OP_1));
        assertTrue(large.tree().script().length > Interpreter.MAX_SCRIPT_SIZE);
        assertEquals(ScriptError.OK, large.run(STANDARD));
        ScriptBuilder many = script();
        for (int i = 0; i < 500; i++) {
            many.op(OP_NOP);
        }
        assertEquals(ScriptError.OK, leaf(many.op(OP_1)).run(STANDARD), "500 opcodes, over legacy's 201");
        assertEquals(ScriptError.PUSH_SIZE, leaf(script().data(new byte[521]).op(OP_DROP).op(OP_1)).run(CONSENSUS));
        assertEquals(ScriptError.PUSH_SIZE, leaf(script().op(OP_DROP).op(OP_1)).run(CONSENSUS, new byte[521]));
    }

    @Test
    void cleanStackAndATrueResultAsInWitnessV0() {
        assertEquals(ScriptError.CLEANSTACK, leaf(script().op(OP_1).op(OP_1)).run(CONSENSUS));
        assertEquals(ScriptError.EVAL_FALSE, leaf(script().op(OP_0)).run(CONSENSUS));
        assertEquals(ScriptError.OK, leaf(script().op(OP_1)).run(CONSENSUS));
        // Only the witness before the script and control block is the initial stack.
        assertEquals(ScriptError.OK, leaf(script().op(OP_DROP).op(OP_1)).run(CONSENSUS, new byte[] {7}));
    }

    @Test
    void aScriptPathSpendCountsNoSigops() {
        Spend s = leaf(script().data(A.xOnlyPublicKey()).op(OP_CHECKSIG).data(B.xOnlyPublicKey()).op(OP_CHECKSIGADD));
        Witness w = Witness.of(s.tree().witness(new byte[0], new byte[0]));
        assertEquals(0, WitnessProgram.sigOps(new byte[0], s.tree().scriptPubKey(), w));
    }

    private static byte[][] items(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new byte[] {1});
        }
        return out.toArray(new byte[0][]);
    }
}
