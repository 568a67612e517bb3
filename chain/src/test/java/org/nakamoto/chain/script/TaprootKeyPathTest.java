package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nakamoto.chain.script.TaprootSpends.AUX;
import static org.nakamoto.chain.script.TaprootSpends.CONSENSUS;
import static org.nakamoto.chain.script.TaprootSpends.INTERNAL;
import static org.nakamoto.chain.script.TaprootSpends.STANDARD;
import static org.nakamoto.chain.script.TaprootSpends.append;
import static org.nakamoto.chain.script.TaprootSpends.coins;
import static org.nakamoto.chain.script.TaprootSpends.flipped;
import static org.nakamoto.chain.script.TaprootSpends.spending;
import static org.nakamoto.chain.script.TaprootSpends.verify;
import static org.nakamoto.chain.script.TaprootSpends.withWitness;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;

/**
 * BIP 341 key-path spends through the whole verifier, signed with {@link TaprootSigner}: every hash type
 * and what it lets change, the invalid ones, the annex, the witness shapes that fail before any
 * signature is checked, and the flags (no TAPROOT, P2SH-wrapped v1, no spent outputs).
 */
class TaprootKeyPathTest {
    /** A BIP 86-style output: the internal key tweaked by no tree. */
    private static final byte[] SPK = Taproot.scriptPubKey(Taproot.outputKey(INTERNAL.xOnlyPublicKey(), null).xOnly());
    private static final int[] DEFINED = {0x00, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83};

    private static Transaction signed(Transaction tx, List<TxOut> spent, int input, int hashType) {
        byte[] sig = TaprootSigner.signKeyPath(new PrecomputedTxData(tx, spent), input, hashType, INTERNAL, null, AUX);
        return withWitness(tx, input, sig);
    }

    private static Transaction signedAll(Transaction tx, List<TxOut> spent, int hashType) {
        Transaction t = tx;
        for (int i = 0; i < tx.inputs().size(); i++) {
            t = t.toBuilder().setWitness(i, signed(tx, spent, i, hashType).inputs().get(i).witness()).build();
        }
        return t;
    }

    @Test
    void everyDefinedHashTypeSpendsAndAWrongSignatureFails() {
        Transaction tx = spending(2, 2);
        List<TxOut> spent = coins(tx, SPK);
        for (int hashType : DEFINED) {
            Transaction t = signedAll(tx, spent, hashType);
            assertEquals(hashType == 0 ? 64 : 65, t.inputs().get(0).witness().get(0).length);
            assertEquals(ScriptError.OK, verify(t, spent, CONSENSUS), "hash type " + hashType);
            assertEquals(ScriptError.OK, verify(t, spent, STANDARD), "hash type " + hashType);
            byte[] bad = flipped(t.inputs().get(1).witness().get(0));
            assertEquals(ScriptError.SCHNORR_SIG, verify(withWitness(t, 1, bad), spent, CONSENSUS));
        }
    }

    @Test
    void eachHashTypeSignsWhatBip341Says() {
        Transaction tx = spending(2, 3);
        List<TxOut> spent = coins(tx, SPK);
        // Changing output 2 (not input 1's SINGLE output): ALL breaks, NONE and SINGLE survive.
        for (int hashType : DEFINED) {
            Transaction t = signedAll(tx, spent, hashType);
            Transaction.Builder b = new Transaction.Builder().version(t.version()).lockTime(t.lockTime());
            t.inputs().forEach(b::addInput);
            Transaction otherOutput = b.addOutput(t.outputs().get(0)).addOutput(t.outputs().get(1))
                    .addOutput(1, Script.EMPTY).build();
            int base = hashType & 3;
            boolean outputsFree = base == SignatureHash.NONE || base == SignatureHash.SINGLE;
            assertEquals(outputsFree ? ScriptError.OK : ScriptError.SCHNORR_SIG, verify(otherOutput, spent, CONSENSUS),
                    "hash type " + hashType + " with output 2 changed");
        }
        // Adding a third input: only ANYONECANPAY signatures stay valid (the others sign every prevout).
        for (int hashType : DEFINED) {
            Transaction t = signedAll(tx, spent, hashType);
            Transaction more = t.toBuilder().addInput(new TxIn(new OutPoint(t.txid(), 9), Script.EMPTY,
                    TxIn.SEQUENCE_FINAL)).build();
            List<TxOut> moreSpent = List.of(spent.get(0), spent.get(1), new TxOut(1, Script.of(new byte[] {0x51})));
            boolean anyoneCanPay = (hashType & SignatureHash.ANYONECANPAY) != 0;
            assertEquals(anyoneCanPay ? ScriptError.OK : ScriptError.SCHNORR_SIG, verify(more, moreSpent, CONSENSUS),
                    "hash type " + hashType + " with an input added");
        }
        // Every hash type signs the amount the input spends (BIP 341 fixes BIP 143's gap for all types).
        for (int hashType : DEFINED) {
            Transaction t = signedAll(tx, spent, hashType);
            List<TxOut> otherAmount = List.of(spent.get(0), new TxOut(spent.get(1).value() + 1, Script.of(SPK)));
            assertEquals(ScriptError.SCHNORR_SIG, verify(t, otherAmount, CONSENSUS), "hash type " + hashType);
        }
    }

    @Test
    void undefinedHashTypesAndSingleWithoutItsOutputFailAsHashTypeErrors() {
        Transaction tx = spending(2, 1);
        List<TxOut> spent = coins(tx, SPK);
        byte[] sig64 = signed(tx, spent, 0, 0).inputs().get(0).witness().get(0);
        for (int hashType : new int[] {0x00, 0x04, 0x84, 0x40, 0xff}) {
            // Explicit 0x00 is refused too: SIGHASH_DEFAULT is only ever implied by a 64-byte signature.
            assertEquals(ScriptError.SCHNORR_SIG_HASHTYPE,
                    verify(withWitness(tx, 0, append(sig64, (byte) hashType)), spent, CONSENSUS), "0x" + hashType);
        }
        // Input 1 has no output 1: SINGLE's hash is undefined there, whatever the signature.
        Transaction single = withWitness(signed(tx, spent, 0, 0), 1, append(sig64, (byte) SignatureHash.SINGLE));
        assertEquals(ScriptError.SCHNORR_SIG_HASHTYPE, verify(single, spent, CONSENSUS));
        Transaction singleAcp = withWitness(signed(tx, spent, 0, 0), 1, append(sig64, (byte) 0x83));
        assertEquals(ScriptError.SCHNORR_SIG_HASHTYPE, verify(singleAcp, spent, CONSENSUS));
    }

    @Test
    void witnessShapesThatFailBeforeAnySignatureCheck() {
        Transaction tx = spending(1, 1);
        List<TxOut> spent = coins(tx, SPK);
        byte[] sig = signed(tx, spent, 0, 0).inputs().get(0).witness().get(0);
        assertEquals(ScriptError.WITNESS_PROGRAM_WITNESS_EMPTY, verify(tx, spent, CONSENSUS));
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, verify(withWitness(tx, 0, new byte[63]), spent, CONSENSUS));
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, verify(withWitness(tx, 0, append(sig, (byte) 1, (byte) 1)), spent,
                CONSENSUS));
        // An empty signature on the key path is an invalid signature like any other, not a "false".
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, verify(withWitness(tx, 0, new byte[0]), spent, CONSENSUS));
        Transaction withScriptSig = signed(tx, spent, 0, 0).toBuilder()
                .setInput(0, new TxIn(tx.inputs().get(0).prevout(), Script.of(new byte[] {0x51}), TxIn.SEQUENCE_FINAL,
                        Witness.of(sig))).build();
        assertEquals(ScriptError.WITNESS_MALLEATED, verify(withScriptSig, spent, CONSENSUS));
    }

    @Test
    void theAnnexIsSignedThenDropped() {
        Transaction tx = spending(1, 1);
        List<TxOut> spent = coins(tx, SPK);
        byte[] annex = {0x50, 0x01, 0x02};
        ScriptExecutionData exec = new ScriptExecutionData();
        exec.annexHash(TaprootSpends.annexHash(annex));
        byte[] hash = TaprootSignatureHash.compute(new PrecomputedTxData(tx, spent), 0, 0, SigVersion.TAPROOT, exec);
        byte[] sig = Taproot.tweakPrivateKey(INTERNAL, null).signSchnorr(hash, AUX);
        assertEquals(ScriptError.OK, verify(withWitness(tx, 0, sig, annex), spent, CONSENSUS));
        assertEquals(ScriptError.SCHNORR_SIG, verify(withWitness(tx, 0, sig), spent, CONSENSUS), "the annex is signed");
        assertEquals(ScriptError.SCHNORR_SIG, verify(withWitness(tx, 0, sig, new byte[] {0x50, 0x01}), spent,
                CONSENSUS), "another annex");
        byte[] plain = signed(tx, spent, 0, 0).inputs().get(0).witness().get(0);
        // A single item starting 0x50 is a signature, not an annex; with an annex after it, the annex goes.
        assertEquals(ScriptError.SCHNORR_SIG, verify(withWitness(tx, 0, plain, new byte[] {0x50}), spent, CONSENSUS));
    }

    @Test
    void beforeTaprootAndNestedInP2shAnyWitnessSpends() {
        Transaction tx = spending(1, 1);
        List<TxOut> spent = coins(tx, SPK);
        Transaction garbage = withWitness(tx, 0, new byte[] {1, 2, 3});
        EnumSet<ScriptFlag> noTaproot = EnumSet.copyOf(CONSENSUS);
        noTaproot.remove(ScriptFlag.TAPROOT);
        assertEquals(ScriptError.OK, verify(garbage, spent, noTaproot), "before the soft fork: anyone can spend");
        assertEquals(ScriptError.OK, verify(tx, spent, noTaproot));
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, verify(garbage, spent, CONSENSUS));

        // P2SH-wrapped v1 is no taproot output: an unknown witness program, valid, discouraged by policy.
        byte[] redeem = SPK;
        byte[] p2sh = StandardScripts.payToScriptHash(Hashes.hash160(redeem)).bytes();
        Transaction wrapped = tx.toBuilder().setInput(0, new TxIn(tx.inputs().get(0).prevout(),
                Script.of(ScriptCode.pushOf(redeem)), TxIn.SEQUENCE_FINAL, Witness.of(new byte[] {1}))).build();
        List<TxOut> p2shCoin = List.of(new TxOut(TaprootSpends.AMOUNT, Script.of(p2sh)));
        assertEquals(ScriptError.OK, verify(wrapped, p2shCoin, CONSENSUS));
        assertEquals(ScriptError.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM, verify(wrapped, p2shCoin, STANDARD));
    }

    @Test
    void payToAnchorIsSpendableAndNotDiscouragedOtherShortV1ProgramsAre() {
        Transaction tx = spending(1, 1);
        byte[] anchor = {0x51, 0x02, 0x4e, 0x73};
        List<TxOut> anchorCoin = coins(tx, anchor);
        assertEquals(ScriptError.OK, verify(tx, anchorCoin, STANDARD), "Core 28: P2A is a known program");
        assertEquals(ScriptError.OK, verify(withWitness(tx, 0, new byte[] {1}), anchorCoin, STANDARD),
                "consensus and script policy ignore its witness (IsWitnessStandard refuses one)");
        List<TxOut> otherTwoBytes = coins(tx, new byte[] {0x51, 0x02, 0x4e, 0x74});
        assertEquals(ScriptError.OK, verify(tx, otherTwoBytes, CONSENSUS));
        assertEquals(ScriptError.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM, verify(tx, otherTwoBytes, STANDARD));
        // Wrapped in P2SH it is no anchor: an unknown program again.
        byte[] p2sh = StandardScripts.payToScriptHash(Hashes.hash160(anchor)).bytes();
        Transaction wrapped = tx.toBuilder().setInput(0, new TxIn(tx.inputs().get(0).prevout(),
                Script.of(ScriptCode.pushOf(anchor)), TxIn.SEQUENCE_FINAL, Witness.EMPTY)).build();
        List<TxOut> p2shCoin = List.of(new TxOut(TaprootSpends.AMOUNT, Script.of(p2sh)));
        assertEquals(ScriptError.OK, verify(wrapped, p2shCoin, CONSENSUS));
        assertEquals(ScriptError.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM, verify(wrapped, p2shCoin, STANDARD));
    }

    @Test
    void withoutTheSpentOutputsNoTaprootSignatureVerifies() {
        Transaction tx = spending(1, 1);
        List<TxOut> spent = coins(tx, SPK);
        Transaction t = signed(tx, spent, 0, 0);
        assertEquals(ScriptError.OK, verify(t, spent, CONSENSUS));
        Set<ScriptFlag> flags = CONSENSUS;
        assertEquals(ScriptError.SCHNORR_SIG, ScriptVerifier.verifyInput(t, 0, Script.of(SPK), TaprootSpends.AMOUNT,
                flags, new PrecomputedTxData(t)));
        assertEquals(ScriptError.SCHNORR_SIG, ScriptVerifier.verifyInput(t, 0, Script.of(SPK), TaprootSpends.AMOUNT,
                flags));
    }

    @Test
    void aTaprootSpendCountsNoSigops() {
        Transaction tx = spending(1, 1);
        Transaction t = signed(tx, coins(tx, SPK), 0, 0);
        assertEquals(0, WitnessProgram.sigOps(new byte[0], SPK, t.inputs().get(0).witness()));
    }
}
