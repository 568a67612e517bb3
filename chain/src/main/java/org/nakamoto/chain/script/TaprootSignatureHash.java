package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.crypto.TaggedHash;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/**
 * BIP 341's signature hash (Core's {@code SignatureHashSchnorr}), for key-path spends and, with BIP 342's
 * extension (leaf hash, key version, code-separator position), for tapscript. Unlike BIP 143 it signs
 * every spent amount and scriptPubKey, single rather than double SHA-256s, and a hash type of 0
 * (SIGHASH_DEFAULT) meaning "all" with the byte left off the signature. Stateless.
 */
public final class TaprootSignatureHash {
    /** BIP 341's hash type 0: signs as SIGHASH_ALL, the signature stays 64 bytes. */
    public static final int DEFAULT = 0x00;

    private static final TaggedHash TAP_SIGHASH = TaggedHash.of("TapSighash");
    /** The epoch byte leading the message, so future signature hashes can differ. */
    private static final int EPOCH = 0;
    /** The key version BIP 342 signs: 0 for the 32-byte BIP340 keys it defines. */
    private static final int KEY_VERSION = 0;

    private TaprootSignatureHash() {
    }

    /** The hash types BIP 341 defines: 0x00-0x03 and 0x81-0x83. */
    public static boolean isDefinedHashType(int hashType) {
        return hashType <= 0x03 || (hashType >= 0x81 && hashType <= 0x83);
    }

    /**
     * The 32-byte hash a BIP340 signature of input {@code inputIndex} signs.
     *
     * @param sigVersion {@link SigVersion#TAPROOT} (key path) or {@link SigVersion#TAPSCRIPT}
     * @param exec the annex hash, and for tapscript the leaf hash and code-separator position
     * @return null when {@code hashType} is not defined, or SIGHASH_SINGLE has no output at the input's
     *     index (the signature then fails with SCHNORR_SIG_HASHTYPE)
     * @throws IllegalStateException when {@code data} was made without the spent outputs
     */
    public static byte[] compute(PrecomputedTxData data, int inputIndex, int hashType, SigVersion sigVersion,
            ScriptExecutionData exec) {
        byte[] message = message(data, inputIndex, hashType, sigVersion, exec);
        return message == null ? null : TAP_SIGHASH.hash(message);
    }

    /** BIP 341's SigMsg with the epoch byte in front: what {@link #compute} hashes (BIP 341's vectors list it). */
    static byte[] message(PrecomputedTxData data, int inputIndex, int hashType, SigVersion sigVersion,
            ScriptExecutionData exec) {
        if (sigVersion != SigVersion.TAPROOT && sigVersion != SigVersion.TAPSCRIPT) {
            throw new IllegalArgumentException("not a taproot signature: " + sigVersion);
        }
        if (!isDefinedHashType(hashType)) {
            return null;
        }
        Transaction tx = data.tx();
        int outputType = hashType == DEFAULT ? SignatureHash.ALL : hashType & 0x03;
        boolean anyoneCanPay = (hashType & SignatureHash.ANYONECANPAY) != 0;
        if (outputType == SignatureHash.SINGLE && inputIndex >= tx.outputs().size()) {
            return null;
        }
        byte[] annexHash = exec.annexHash();
        int extFlag = sigVersion == SigVersion.TAPSCRIPT ? 1 : 0;

        ByteWriter w = new ByteWriter(256);
        w.writeUint8(EPOCH);
        w.writeUint8(hashType);
        w.writeInt32LE(tx.version());
        w.writeUint32LE(tx.lockTime());
        if (!anyoneCanPay) {
            w.writeBytes(data.shaPrevouts());
            w.writeBytes(data.shaAmounts());
            w.writeBytes(data.shaScriptPubKeys());
            w.writeBytes(data.shaSequences());
        }
        if (outputType == SignatureHash.ALL) {
            w.writeBytes(data.shaOutputs());
        }
        w.writeUint8(extFlag * 2 + (annexHash != null ? 1 : 0));
        if (anyoneCanPay) {
            TxIn in = tx.inputs().get(inputIndex);
            TxOut spent = data.spentOutput(inputIndex);
            in.prevout().write(w);
            spent.write(w);
            w.writeUint32LE(in.sequence());
        } else {
            w.writeUint32LE(inputIndex);
        }
        if (annexHash != null) {
            w.writeBytes(annexHash);
        }
        if (outputType == SignatureHash.SINGLE) {
            ByteWriter one = new ByteWriter(43);
            tx.outputs().get(inputIndex).write(one);
            w.writeBytes(Hashes.sha256(one.toByteArray()));
        }
        if (extFlag == 1) {
            w.writeBytes(exec.tapleafHash());
            w.writeUint8(KEY_VERSION);
            w.writeUint32LE(exec.codeSeparatorPosition());
        }
        return w.toByteArray();
    }
}
