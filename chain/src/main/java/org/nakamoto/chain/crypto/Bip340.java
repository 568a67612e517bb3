package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * BIP340 Schnorr signatures in Java, on Bouncy Castle's curve arithmetic, written from the BIP's
 * specification: x-only public keys standing for the point with even y, tagged hashes, and a nonce
 * derived from the secret, the key, the message and 32 bytes of auxiliary randomness. Messages may have
 * any length (the BIP allows it since 2022; taproot always signs 32 bytes). Stateless.
 */
final class Bip340 {
    private static final TaggedHash AUX_TAG = TaggedHash.of("BIP0340/aux");
    private static final TaggedHash NONCE_TAG = TaggedHash.of("BIP0340/nonce");
    private static final TaggedHash CHALLENGE_TAG = TaggedHash.of("BIP0340/challenge");
    private static final BigInteger N = Secp256k1.N;
    private static final BigInteger P = Secp256k1.P;

    private Bip340() {
    }

    /** BIP340 Verify: false for any malformed input, never an exception. */
    static boolean verify(byte[] sig, byte[] message, byte[] xOnly) {
        if (sig == null || message == null || xOnly == null || sig.length != 64 || xOnly.length != 32) {
            return false;
        }
        ECPoint pk = liftX(xOnly);
        if (pk == null) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        if (r.compareTo(P) >= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger e = challenge(Arrays.copyOfRange(sig, 0, 32), xOnly, message);
        // R = s*G - e*P, as one double multiplication (GLV-accelerated on this curve).
        ECPoint rPoint = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.DOMAIN.getG(), s, pk, N.subtract(e)).normalize();
        if (rPoint.isInfinity() || rPoint.getAffineYCoord().testBitZero()) {
            return false;
        }
        return rPoint.getAffineXCoord().toBigInteger().equals(r);
    }

    /** BIP340 Sign with the recommended nonce derivation; the result is checked before it is returned. */
    static byte[] sign(byte[] message, BigInteger secret, byte[] auxRand32) {
        if (secret.signum() <= 0 || secret.compareTo(N) >= 0) {
            throw new IllegalArgumentException("secret key out of range");
        }
        FixedPointCombMultiplier mul = new FixedPointCombMultiplier();
        ECPoint pubPoint = mul.multiply(Secp256k1.DOMAIN.getG(), secret).normalize();
        // The x-only key stands for the even-y point: sign with the secret of that point.
        BigInteger d = pubPoint.getAffineYCoord().testBitZero() ? N.subtract(secret) : secret;
        byte[] px = bytes32(pubPoint.getAffineXCoord().toBigInteger());
        byte[] t = bytes32(d);
        byte[] auxHash = AUX_TAG.hash(auxRand32);
        for (int i = 0; i < 32; i++) {
            t[i] ^= auxHash[i];
        }
        BigInteger k0 = new BigInteger(1, NONCE_TAG.hash(t, px, message)).mod(N);
        if (k0.signum() == 0) {
            throw new IllegalStateException("BIP340 nonce is zero"); // probability ~2^-256
        }
        ECPoint rPoint = mul.multiply(Secp256k1.DOMAIN.getG(), k0).normalize();
        BigInteger k = rPoint.getAffineYCoord().testBitZero() ? N.subtract(k0) : k0;
        byte[] rx = bytes32(rPoint.getAffineXCoord().toBigInteger());
        BigInteger e = challenge(rx, px, message);
        byte[] sig = new byte[64];
        System.arraycopy(rx, 0, sig, 0, 32);
        System.arraycopy(bytes32(k.add(e.multiply(d)).mod(N)), 0, sig, 32, 32);
        if (!verify(sig, message, px)) {
            throw new IllegalStateException("BIP340 signature failed its own verification");
        }
        return sig;
    }

    /** BIP341's tweak of an x-only key in Bouncy Castle: see {@link SignatureEngine#xOnlyTweakAdd}. */
    static Optional<byte[]> xOnlyTweakAdd(byte[] xOnly32, byte[] tweak32) {
        if (xOnly32 == null || tweak32 == null || xOnly32.length != 32 || tweak32.length != 32) {
            return Optional.empty();
        }
        ECPoint p = liftX(xOnly32);
        BigInteger t = new BigInteger(1, tweak32);
        if (p == null || t.compareTo(N) >= 0) {
            return Optional.empty();
        }
        ECPoint q = p.add(new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), t)).normalize();
        if (q.isInfinity()) {
            return Optional.empty();
        }
        return Optional.of(q.getEncoded(true));
    }

    /** The point with x coordinate x and even y, or null when x >= p or x^3 + 7 has no square root. */
    static ECPoint liftX(byte[] x32) {
        byte[] compressed = new byte[33];
        compressed[0] = 0x02;
        System.arraycopy(x32, 0, compressed, 1, 32);
        try {
            return Secp256k1.DOMAIN.getCurve().decodePoint(compressed);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static BigInteger challenge(byte[] rx, byte[] px, byte[] message) {
        return new BigInteger(1, CHALLENGE_TAG.hash(rx, px, message)).mod(N);
    }

    private static byte[] bytes32(BigInteger v) {
        byte[] out = new byte[32];
        Secp256k1.writeUnsigned32(v, out, 0);
        return out;
    }
}
