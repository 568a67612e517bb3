package org.nakamoto.chain.script;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;

/**
 * Real taproot spends for the tests: transactions spending taproot coins, trees of tapscript leaves with
 * their control blocks, and BIP340 signatures of BIP 341/342's signature hash. Nothing here decides
 * validity; every spend goes through {@link ScriptVerifier} with its spent outputs, as a block would.
 */
final class TaprootSpends {
    static final long AMOUNT = 50_000;
    static final byte[] AUX = new byte[32];
    static final Set<ScriptFlag> CONSENSUS = ScriptFlags.MANDATORY;
    static final Set<ScriptFlag> STANDARD = ScriptFlags.STANDARD;
    static final EcPrivateKey INTERNAL = key(1);

    private TaprootSpends() {
    }

    static EcPrivateKey key(int n) {
        return EcPrivateKey.of(BigInteger.valueOf(0x7a90_0000L + n));
    }

    /** A transaction spending {@code inputs} coins (distinct made-up prevouts) to {@code outputs} outputs. */
    static Transaction spending(int inputs, int outputs) {
        Transaction.Builder b = new Transaction.Builder().version(2).lockTime(0);
        for (int i = 0; i < inputs; i++) {
            b.addInput(new TxIn(new OutPoint(Hash256.sha256d(new byte[] {(byte) i, 0x7a}), i), Script.EMPTY,
                    TxIn.SEQUENCE_FINAL));
        }
        for (int i = 0; i < outputs; i++) {
            b.addOutput(AMOUNT / (outputs + 1), Script.of(new byte[] {0x51, 0x01, (byte) i}));
        }
        return b.build();
    }

    /** The coins {@code tx}'s inputs spend: each {@link #AMOUNT} locked by {@code scriptPubKey}. */
    static List<TxOut> coins(Transaction tx, byte[] scriptPubKey) {
        List<TxOut> out = new ArrayList<>();
        tx.inputs().forEach(in -> out.add(new TxOut(AMOUNT, Script.of(scriptPubKey))));
        return out;
    }

    /** Every input of {@code tx} against {@code spent}, with BIP 341's data: the first error, or OK. */
    static ScriptError verify(Transaction tx, List<TxOut> spent, Set<ScriptFlag> flags) {
        PrecomputedTxData data = new PrecomputedTxData(tx, spent);
        for (int i = 0; i < tx.inputs().size(); i++) {
            ScriptError e = ScriptVerifier.verifyInput(tx, i, spent.get(i).scriptPubKey(), spent.get(i).value(),
                    flags, data);
            if (!e.isOk()) {
                return e;
            }
        }
        return ScriptError.OK;
    }

    static Transaction withWitness(Transaction tx, int input, byte[]... items) {
        return tx.toBuilder().setWitness(input, Witness.of(items)).build();
    }

    static byte[] append(byte[] bytes, byte... more) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + more.length);
        System.arraycopy(more, 0, out, bytes.length, more.length);
        return out;
    }

    /** A copy of {@code b} with its first bit flipped. */
    static byte[] flipped(byte[] b) {
        byte[] c = b.clone();
        c[0] ^= 1;
        return c;
    }

    /** The signature BIP 342 asks of {@code key}: 64 bytes for SIGHASH_DEFAULT, else with the hash type. */
    static byte[] signLeaf(EcPrivateKey key, PrecomputedTxData data, int input, int hashType, byte[] leafHash,
            long codeSeparatorPosition, byte[] annexHash) {
        ScriptExecutionData exec = new ScriptExecutionData();
        exec.tapleafHash(leafHash);
        exec.codeSeparatorPosition(codeSeparatorPosition);
        exec.annexHash(annexHash);
        byte[] hash = TaprootSignatureHash.compute(data, input, hashType, SigVersion.TAPSCRIPT, exec);
        byte[] sig = key.signSchnorr(hash, AUX);
        return hashType == TaprootSignatureHash.DEFAULT ? sig : append(sig, (byte) hashType);
    }

    /** BIP 341's annex hash, computed here from its definition: SHA-256 of compact_size(len) || annex. */
    static byte[] annexHash(byte[] annex) {
        return Hashes.sha256(new ByteWriter().writeVarBytes(annex).toByteArray());
    }

    /**
     * A taproot tree in which one leaf, {@code script} of {@code leafVersion}, sits under a path of
     * sibling hashes (nearest first): the output it makes and the control block that spends the leaf.
     */
    record Tree(byte[] script, int leafVersion, byte[] leafHash, byte[][] path, Taproot.OutputKey outputKey,
            byte[] control) {
        static Tree of(byte[] script, int leafVersion, byte[]... path) {
            byte[] leafHash = Taproot.leafHash(leafVersion, script);
            byte[] node = leafHash;
            for (byte[] sibling : path) {
                node = Taproot.branchHash(node, sibling);
            }
            byte[] internal = INTERNAL.xOnlyPublicKey();
            Taproot.OutputKey q = Taproot.outputKey(internal, node);
            ByteWriter c = new ByteWriter().writeUint8(leafVersion | (q.oddY() ? 1 : 0)).writeBytes(internal);
            for (byte[] sibling : path) {
                c.writeBytes(sibling);
            }
            return new Tree(script, leafVersion, leafHash, path, q, c.toByteArray());
        }

        static Tree tapscript(Script script, byte[]... path) {
            return of(script.bytes(), Taproot.LEAF_VERSION_TAPSCRIPT, path);
        }

        byte[] scriptPubKey() {
            return Taproot.scriptPubKey(outputKey.xOnly());
        }

        /** The witness spending this leaf: {@code inputs} (bottom first), the script, the control block. */
        byte[][] witness(byte[]... inputs) {
            byte[][] w = Arrays.copyOf(inputs, inputs.length + 2);
            w[inputs.length] = script;
            w[inputs.length + 1] = control;
            return w;
        }
    }

    /** A sibling hash standing for some other subtree. */
    static byte[] sibling(int n) {
        return Hashes.sha256(new byte[] {(byte) n, (byte) (n >> 8), 0x5b});
    }
}
