package org.nakamoto.chain.script;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.nakamoto.chain.crypto.EcPublicKey;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.model.Transaction;

/**
 * Checks signatures against one input of a transaction, as Core's legacy
 * {@code TransactionSignatureChecker::CheckECDSASignature}: the last byte of the signature is the hash
 * type, the rest is parsed as lenient DER, and ECDSA must verify the legacy signature hash. No encoding
 * policy (strict DER, low S, defined hash types) applies: those are not consensus for legacy scripts.
 * Immutable; one instance may be used from any thread.
 */
public final class TransactionSignatureChecker implements SignatureChecker {
    private final Transaction tx;
    private final int inputIndex;

    public TransactionSignatureChecker(Transaction tx, int inputIndex) {
        this.tx = Objects.requireNonNull(tx);
        if (inputIndex < 0 || inputIndex >= tx.inputs().size()) {
            throw new IllegalArgumentException("input " + inputIndex + " of a " + tx.inputs().size() + "-input transaction");
        }
        this.inputIndex = inputIndex;
    }

    @Override
    public boolean checkSignature(byte[] signatureWithHashType, byte[] publicKey, byte[] scriptCode) {
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
        byte[] hash = SignatureHash.legacy(tx, inputIndex, scriptCode, hashType).toBytes();
        return key.get().verify(hash, sig.get());
    }
}
