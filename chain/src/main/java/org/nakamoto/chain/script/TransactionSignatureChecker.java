package org.nakamoto.chain.script;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.nakamoto.chain.crypto.EcPublicKey;
import org.nakamoto.chain.crypto.Secp256k1;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;

/**
 * Checks signatures and lock times against one input of a transaction, as Core's
 * {@code TransactionSignatureChecker}: the last byte of the signature is the hash type, the rest is parsed
 * as lenient DER, and ECDSA must verify the legacy signature hash, or for witness v0 scripts BIP 143's,
 * which signs the spent amount. Encoding rules (strict DER, low S,
 * defined hash types) are the interpreter's, under their flags, before it asks this checker.
 * Immutable; one instance may be used from any thread.
 */
public final class TransactionSignatureChecker implements SignatureChecker {
    /** Lock times below this are block heights, from it on Unix times (Core's LOCKTIME_THRESHOLD). */
    private static final long LOCKTIME_THRESHOLD = 500_000_000L;
    /** BIP 68: a sequence with this bit set carries no relative lock time. */
    private static final long SEQUENCE_LOCKTIME_DISABLE_FLAG = 1L << 31;
    /** BIP 68: set, the relative lock time counts 512-second units; clear, blocks. */
    private static final long SEQUENCE_LOCKTIME_TYPE_FLAG = 1L << 22;
    /** BIP 68: the bits holding the relative lock time's value. */
    private static final long SEQUENCE_LOCKTIME_MASK = 0xffffL;

    private final Transaction tx;
    private final int inputIndex;
    private final long amount;
    private final PrecomputedTxData data;

    /** A checker for legacy scripts only: it knows no spent amount, so witness signatures fail. */
    public TransactionSignatureChecker(Transaction tx, int inputIndex) {
        this(tx, inputIndex, -1, null);
    }

    /**
     * @param amount the value of the coin input {@code inputIndex} spends (BIP 143 signs it)
     * @param data the transaction's shared BIP 143 hashes, so that several inputs hash the transaction once
     */
    public TransactionSignatureChecker(Transaction tx, int inputIndex, long amount, PrecomputedTxData data) {
        this.tx = Objects.requireNonNull(tx);
        if (inputIndex < 0 || inputIndex >= tx.inputs().size()) {
            throw new IllegalArgumentException("input " + inputIndex + " of a " + tx.inputs().size() + "-input transaction");
        }
        if (data != null && data.tx() != tx) {
            throw new IllegalArgumentException("precomputed data of another transaction");
        }
        this.inputIndex = inputIndex;
        this.amount = amount;
        this.data = data;
    }

    @Override
    public boolean checkSignature(byte[] signatureWithHashType, byte[] publicKey, byte[] scriptCode) {
        return checkSignature(signatureWithHashType, publicKey, scriptCode, SigVersion.BASE);
    }

    @Override
    public boolean checkSignature(byte[] signatureWithHashType, byte[] publicKey, byte[] scriptCode,
            SigVersion sigVersion) {
        if (sigVersion == SigVersion.WITNESS_V0 && data == null) {
            return false;
        }
        if (signatureWithHashType.length == 0) {
            return false;
        }
        Optional<EcPublicKey> key = EcPublicKey.decode(publicKey);
        if (key.isEmpty()) {
            return false;
        }
        int hashType = signatureWithHashType[signatureWithHashType.length - 1] & 0xff;
        Optional<EcdsaSignature> sig = EcdsaSignature.parseLaxDer(
                Arrays.copyOf(signatureWithHashType, signatureWithHashType.length - 1));
        if (sig.isEmpty()) {
            return false;
        }
        byte[] hash = (sigVersion == SigVersion.BASE
                ? SignatureHash.legacy(tx, inputIndex, scriptCode, hashType)
                : SignatureHash.witnessV0(tx, inputIndex, scriptCode, amount, hashType, data)).toBytes();
        return key.get().verify(hash, sig.get());
    }

    @Override
    public ScriptError checkSchnorrSignature(byte[] signature, byte[] xOnlyKey32, SigVersion sigVersion,
            ScriptExecutionData exec) {
        if (signature.length != 64 && signature.length != 65) {
            return ScriptError.SCHNORR_SIG_SIZE;
        }
        int hashType = TaprootSignatureHash.DEFAULT;
        byte[] sig64 = signature;
        if (signature.length == 65) {
            // An explicit hash type must not be 0: SIGHASH_DEFAULT is only ever implied, so each signature
            // has one encoding.
            hashType = signature[64] & 0xff;
            if (hashType == TaprootSignatureHash.DEFAULT) {
                return ScriptError.SCHNORR_SIG_HASHTYPE;
            }
            sig64 = Arrays.copyOf(signature, 64);
        }
        if (data == null || !data.hasSpentOutputs()) {
            return ScriptError.SCHNORR_SIG; // BIP 341 signs every spent output; without them nothing verifies
        }
        byte[] hash = TaprootSignatureHash.compute(data, inputIndex, hashType, sigVersion, exec);
        if (hash == null) {
            return ScriptError.SCHNORR_SIG_HASHTYPE;
        }
        return Secp256k1.verifySchnorr(sig64, hash, xOnlyKey32) ? ScriptError.OK : ScriptError.SCHNORR_SIG;
    }

    @Override
    public boolean checkLockTime(long lockTime) {
        long txLockTime = tx.lockTime();
        // Heights compare only with heights and times with times.
        if ((txLockTime < LOCKTIME_THRESHOLD) != (lockTime < LOCKTIME_THRESHOLD)) {
            return false;
        }
        if (lockTime > txLockTime) {
            return false;
        }
        // A final sequence switches the transaction's lock time off (IsFinalTx), and with it this check.
        return tx.inputs().get(inputIndex).sequence() != TxIn.SEQUENCE_FINAL;
    }

    @Override
    public boolean checkSequence(long sequence) {
        long txSequence = tx.inputs().get(inputIndex).sequence();
        // BIP 68 applies from version 2 on; the version is compared as unsigned, as Core does.
        if (Integer.compareUnsigned(tx.version(), 2) < 0) {
            return false;
        }
        // An input whose own relative lock is disabled cannot satisfy one.
        if ((txSequence & SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
            return false;
        }
        long mask = SEQUENCE_LOCKTIME_TYPE_FLAG | SEQUENCE_LOCKTIME_MASK;
        long txMasked = txSequence & mask;
        long masked = sequence & mask;
        if ((txMasked < SEQUENCE_LOCKTIME_TYPE_FLAG) != (masked < SEQUENCE_LOCKTIME_TYPE_FLAG)) {
            return false;
        }
        return masked <= txMasked;
    }
}
