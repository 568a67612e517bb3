package org.nakamoto.chain.script;

import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/**
 * The legacy (pre-segwit) signature hash, Core's {@code SignatureHash} for {@code SigVersion::BASE}: the
 * double SHA-256 of a copy of the transaction edited according to the hash type, followed by the hash type
 * as a 4-byte integer. Every quirk is consensus and kept, notably SIGHASH_SINGLE with no matching output,
 * which signs the constant "1" instead of failing. Also BIP 143's hash for witness v0 scripts
 * ({@link #witnessV0}), which commits to the spent amount and hashes each part of the transaction once.
 * Stateless.
 */
public final class SignatureHash {
    public static final int ALL = 1;
    public static final int NONE = 2;
    public static final int SINGLE = 3;
    public static final int ANYONECANPAY = 0x80;

    /** uint256 1: what Core returns for an input index out of range or SIGHASH_SINGLE without its output. */
    public static final Hash256 ONE;

    static {
        byte[] one = new byte[Hash256.LENGTH];
        one[0] = 1;
        ONE = Hash256.wrap(one);
    }

    private SignatureHash() {
    }

    /**
     * @param scriptCode the script being signed (OP_CODESEPARATORs in it are removed here)
     * @param hashType the full 32-bit value; only its low 5 bits and bit 7 select the mode, but all 32 bits
     *     are hashed
     */
    public static Hash256 legacy(Transaction tx, int inputIndex, byte[] scriptCode, int hashType) {
        List<TxIn> inputs = tx.inputs();
        List<TxOut> outputs = tx.outputs();
        if (inputIndex < 0 || inputIndex >= inputs.size()) {
            return ONE;
        }
        int base = hashType & 0x1f;
        boolean none = base == NONE;
        boolean single = base == SINGLE;
        boolean anyoneCanPay = (hashType & ANYONECANPAY) != 0;
        if (single && inputIndex >= outputs.size()) {
            return ONE;
        }

        ByteWriter w = new ByteWriter(tx.size() + scriptCode.length + 8);
        w.writeInt32LE(tx.version());
        w.writeCompactSize(anyoneCanPay ? 1 : inputs.size());
        for (int i = anyoneCanPay ? inputIndex : 0; i < inputs.size(); i++) {
            TxIn in = inputs.get(i);
            in.prevout().write(w);
            if (i == inputIndex) {
                ScriptCode.writeWithoutCodeSeparators(scriptCode, w);
                w.writeUint32LE(in.sequence());
            } else {
                // Other inputs sign no script; under NONE and SINGLE their sequence is left free too.
                w.writeCompactSize(0);
                w.writeUint32LE(none || single ? 0 : in.sequence());
            }
            if (anyoneCanPay) {
                break;
            }
        }
        int outputCount = none ? 0 : single ? inputIndex + 1 : outputs.size();
        w.writeCompactSize(outputCount);
        for (int o = 0; o < outputCount; o++) {
            if (single && o != inputIndex) {
                // Outputs before ours are blanked: value -1, empty script.
                w.writeInt64LE(-1L);
                w.writeCompactSize(0);
            } else {
                outputs.get(o).write(w);
            }
        }
        w.writeUint32LE(tx.lockTime());
        w.writeInt32LE(hashType);
        return Hash256.sha256d(w.toByteArray());
    }

    /**
     * BIP 143's signature hash for a witness v0 script. Unlike the legacy hash it fixes the old quirks:
     * the script code is signed as given (no OP_CODESEPARATOR removal, no FindAndDelete), the spent
     * {@code amount} is signed, and SIGHASH_SINGLE without a matching output signs a zero hashOutputs.
     *
     * @param data the transaction's precomputed hashes; must belong to {@code tx}
     */
    public static Hash256 witnessV0(Transaction tx, int inputIndex, byte[] scriptCode, long amount, int hashType,
            PrecomputedTxData data) {
        if (data.tx() != tx) {
            throw new IllegalArgumentException("precomputed data of another transaction");
        }
        int base = hashType & 0x1f;
        boolean anyoneCanPay = (hashType & ANYONECANPAY) != 0;
        boolean noneOrSingle = base == SINGLE || base == NONE;
        Hash256 hashPrevouts = anyoneCanPay ? Hash256.ZERO : data.hashPrevouts();
        Hash256 hashSequence = anyoneCanPay || noneOrSingle ? Hash256.ZERO : data.hashSequence();
        Hash256 hashOutputs;
        if (!noneOrSingle) {
            hashOutputs = data.hashOutputs();
        } else if (base == SINGLE && inputIndex < tx.outputs().size()) {
            ByteWriter one = new ByteWriter(40);
            tx.outputs().get(inputIndex).write(one);
            hashOutputs = Hash256.sha256d(one.toByteArray());
        } else {
            hashOutputs = Hash256.ZERO;
        }
        TxIn in = tx.inputs().get(inputIndex);
        ByteWriter w = new ByteWriter(160 + scriptCode.length);
        w.writeInt32LE(tx.version());
        w.writeBytes(hashPrevouts.toBytes());
        w.writeBytes(hashSequence.toBytes());
        in.prevout().write(w);
        w.writeVarBytes(scriptCode);
        w.writeInt64LE(amount);
        w.writeUint32LE(in.sequence());
        w.writeBytes(hashOutputs.toBytes());
        w.writeUint32LE(tx.lockTime());
        w.writeInt32LE(hashType);
        return Hash256.sha256d(w.toByteArray());
    }
}
