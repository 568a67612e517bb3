package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The secp256k1 curve and Bitcoin's signature checks: the consensus entry points for ECDSA (with the
 * encodings early Bitcoin accepted) and BIP340 Schnorr. The checks run on the process's
 * {@link SignatureEngine} (libsecp256k1 when it loads); the curve constants come from Bouncy Castle's
 * {@code CustomNamedCurves}, whose secp256k1 uses the GLV endomorphism and a dedicated field
 * implementation, what the Java engine computes with. Immutable; safe to share.
 */
public final class Secp256k1 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");

    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());

    /** The group order n. */
    public static final BigInteger N = PARAMS.getN();
    /** n / 2: signatures with s above it are "high-S" and have a low-S twin (n - s). */
    public static final BigInteger HALF_N = N.shiftRight(1);
    /** The field prime p. */
    public static final BigInteger P = PARAMS.getCurve().getField().getCharacteristic();

    private Secp256k1() {
    }

    /**
     * Bitcoin Core's {@code CPubKey::Verify}: the public key must decode, the signature is parsed with the
     * lenient DER rules early Bitcoin accepted, and ECDSA must verify the 32-byte hash. Never throws:
     * any malformed input is simply false.
     */
    public static boolean verify(byte[] hash32, byte[] laxDerSignature, byte[] publicKey) {
        Optional<EcPublicKey> key = EcPublicKey.decode(publicKey);
        if (key.isEmpty()) {
            return false;
        }
        Optional<EcdsaSignature> sig = EcdsaSignature.parseLaxDer(laxDerSignature);
        return sig.isPresent() && key.get().verify(hash32, sig.get());
    }

    /**
     * BIP340 Verify: a 64-byte signature of a message (32 bytes in taproot) by a 32-byte x-only key.
     * Never throws: any malformed input is simply false.
     */
    public static boolean verifySchnorr(byte[] signature64, byte[] message, byte[] xOnlyPublicKey32) {
        return SignatureEngines.active().verifySchnorr(signature64, message, xOnlyPublicKey32);
    }

    /** Writes v (0 <= v < 2^256) as 32 big-endian bytes at out[off]. */
    static void writeUnsigned32(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32); // toByteArray may add a leading sign byte
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
    }
}
