package org.nakamoto.chain.script;

import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/**
 * The per-transaction hashes the witness signature hashes share, computed once per transaction rather
 * than once per signature (Core's {@code PrecomputedTransactionData}): that is what removes legacy
 * signing's quadratic hashing. BIP 143 (segwit v0) signs double SHA-256s of the prevouts, sequences and
 * outputs; BIP 341 (taproot) signs single SHA-256s of the same three plus the spent amounts and spent
 * scriptPubKeys, so it needs every input's spent output, which only a caller holding the coins can give.
 * Both sets are computed on first use, so a transaction that signs no witness input never pays for them.
 * Thread-safe: a race computes the same values twice.
 */
public final class PrecomputedTxData {
    private final Transaction tx;
    private final List<TxOut> spentOutputs;
    /** Single SHA-256 of prevouts, sequences, outputs (BIP 341); BIP 143's are SHA-256 of these. */
    private volatile byte[][] singleHashes;
    private volatile Hash256[] bip143;
    /** BIP 341's sha_amounts and sha_scriptpubkeys. */
    private volatile byte[][] spentHashes;

    /** For legacy and segwit v0 signatures only: taproot signatures cannot be checked without the spent outputs. */
    public PrecomputedTxData(Transaction tx) {
        this.tx = tx;
        this.spentOutputs = null;
    }

    /**
     * @param spentOutputs the output each input spends, in input order (amount and scriptPubKey), as
     *     BIP 341 signs all of them
     */
    public PrecomputedTxData(Transaction tx, List<TxOut> spentOutputs) {
        if (spentOutputs.size() != tx.inputs().size()) {
            throw new IllegalArgumentException(spentOutputs.size() + " spent outputs for "
                    + tx.inputs().size() + " inputs");
        }
        this.tx = tx;
        this.spentOutputs = List.copyOf(spentOutputs);
    }

    public Transaction tx() {
        return tx;
    }

    /** Whether BIP 341's hashes are available, that is, whether every spent output was given. */
    public boolean hasSpentOutputs() {
        return spentOutputs != null;
    }

    /** The output input {@code inputIndex} spends; only when {@link #hasSpentOutputs()}. */
    public TxOut spentOutput(int inputIndex) {
        requireSpentOutputs();
        return spentOutputs.get(inputIndex);
    }

    Hash256 hashPrevouts() {
        return bip143()[0];
    }

    Hash256 hashSequence() {
        return bip143()[1];
    }

    Hash256 hashOutputs() {
        return bip143()[2];
    }

    byte[] shaPrevouts() {
        return single()[0];
    }

    byte[] shaSequences() {
        return single()[1];
    }

    byte[] shaOutputs() {
        return single()[2];
    }

    byte[] shaAmounts() {
        return spent()[0];
    }

    byte[] shaScriptPubKeys() {
        return spent()[1];
    }

    private Hash256[] bip143() {
        Hash256[] h = bip143;
        if (h == null) {
            byte[][] s = single();
            h = new Hash256[] {Hash256.wrap(Hashes.sha256(s[0])), Hash256.wrap(Hashes.sha256(s[1])),
                Hash256.wrap(Hashes.sha256(s[2]))};
            bip143 = h;
        }
        return h;
    }

    private byte[][] single() {
        byte[][] h = singleHashes;
        if (h == null) {
            ByteWriter prevouts = new ByteWriter(tx.inputs().size() * 36);
            ByteWriter sequences = new ByteWriter(tx.inputs().size() * 4);
            for (TxIn in : tx.inputs()) {
                in.prevout().write(prevouts);
                sequences.writeUint32LE(in.sequence());
            }
            ByteWriter outputs = new ByteWriter(tx.outputs().size() * 34);
            for (TxOut out : tx.outputs()) {
                out.write(outputs);
            }
            h = new byte[][] {Hashes.sha256(prevouts.toByteArray()), Hashes.sha256(sequences.toByteArray()),
                Hashes.sha256(outputs.toByteArray())};
            singleHashes = h;
        }
        return h;
    }

    private byte[][] spent() {
        byte[][] h = spentHashes;
        if (h == null) {
            requireSpentOutputs();
            ByteWriter amounts = new ByteWriter(spentOutputs.size() * 8);
            ByteWriter scripts = new ByteWriter(spentOutputs.size() * 35);
            for (TxOut out : spentOutputs) {
                amounts.writeInt64LE(out.value());
                scripts.writeVarBytes(out.scriptPubKey().unsafeBytes());
            }
            h = new byte[][] {Hashes.sha256(amounts.toByteArray()), Hashes.sha256(scripts.toByteArray())};
            spentHashes = h;
        }
        return h;
    }

    private void requireSpentOutputs() {
        if (spentOutputs == null) {
            throw new IllegalStateException("the spent outputs were not given");
        }
    }
}
