package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * The pure-Java engine: Bouncy Castle's secp256k1 (GLV endomorphism, dedicated field arithmetic) for
 * ECDSA, {@link Bip340} on the same curve for Schnorr. Slower than libsecp256k1 by about three times,
 * but needs no native code, so it is what the node runs when the native library cannot load, and the
 * reference the native engine is tested against. Stateless.
 */
final class JavaSignatureEngine implements SignatureEngine {
    static final JavaSignatureEngine INSTANCE = new JavaSignatureEngine();

    private JavaSignatureEngine() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "Bouncy Castle secp256k1 (pure Java, GLV curve)";
    }

    @Override
    public Optional<EcPublicKey> decodePublicKey(byte[] standardEncoding) {
        try {
            // Bouncy Castle rejects coordinates >= p, points off the curve and x without a square root.
            return Optional.of(new EcPublicKey(Secp256k1.DOMAIN.getCurve().decodePoint(standardEncoding)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean verifyEcdsa(byte[] hash32, EcdsaSignature signature, EcPublicKey key) {
        // ECDSASigner accepts s in either half, as consensus does; it reads the hash as a big-endian number.
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key.bouncyCastle());
        return verifier.verifySignature(hash32, signature.r(), signature.s());
    }

    @Override
    public EcdsaSignature signEcdsa(byte[] hash32, EcPrivateKey key) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(key.secret(), Secp256k1.DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash32);
        return new EcdsaSignature(rs[0], rs[1]).withLowS();
    }

    @Override
    public boolean verifySchnorr(byte[] signature64, byte[] message, byte[] xOnlyPublicKey32) {
        return Bip340.verify(signature64, message, xOnlyPublicKey32);
    }

    @Override
    public Optional<byte[]> xOnlyTweakAdd(byte[] xOnly32, byte[] tweak32) {
        return Bip340.xOnlyTweakAdd(xOnly32, tweak32);
    }

    @Override
    public byte[] signSchnorr(byte[] message, EcPrivateKey key, byte[] auxRand32) {
        return Bip340.sign(message, key.secret(), auxRand32);
    }

    @Override
    public String toString() {
        return name();
    }
}
