package org.nakamoto.wallet.keys;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.nakamoto.chain.codec.ParseException;

/**
 * The secp256k1 point arithmetic BIP32 and WIF need and nothing more: public key of a scalar, point addition
 * and SEC1 encoding. Signing and verification belong to chain's crypto package, not here.
 */
final class Secp256k1Points {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    /** The group order n: private keys and BIP32 tweaks must lie in [1, n-1]. */
    static final BigInteger N = CURVE.getN();
    static final int COMPRESSED_LENGTH = 33;

    private Secp256k1Points() {
    }

    /** Whether a 256-bit number is a usable private key: 0 &lt; k &lt; n. */
    static boolean isValidPrivateKey(BigInteger k) {
        return k.signum() > 0 && k.compareTo(N) < 0;
    }

    /** point(k), compressed. A comb multiplier, because k is secret and this is the fixed base point. */
    static byte[] publicKeyOf(BigInteger k) {
        return publicKeyOf(k, true);
    }

    /** point(k), SEC1-encoded: 33 bytes compressed or 65 uncompressed. */
    static byte[] publicKeyOf(BigInteger k, boolean compressed) {
        return new FixedPointCombMultiplier().multiply(CURVE.getG(), k).normalize().getEncoded(compressed);
    }

    /**
     * point(tweak) + K for a compressed K, compressed; null if the sum is the point at infinity (BIP32 then
     * calls the child invalid).
     */
    static byte[] addTweak(byte[] compressedPublicKey, BigInteger tweak) {
        ECPoint sum = new FixedPointCombMultiplier().multiply(CURVE.getG(), tweak).add(decode(compressedPublicKey));
        return sum.isInfinity() ? null : sum.normalize().getEncoded(true);
    }

    /**
     * Checks a SEC1 compressed public key: 33 bytes, prefix 02 or 03, x on the curve.
     *
     * @throws ParseException otherwise
     */
    static ECPoint decode(byte[] compressed) {
        if (compressed.length != COMPRESSED_LENGTH || (compressed[0] != 2 && compressed[0] != 3)) {
            throw new ParseException(String.format("not a compressed public key: %d bytes, prefix 0x%02x",
                    compressed.length, compressed.length == 0 ? 0 : compressed[0] & 0xff));
        }
        try {
            return CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            throw new ParseException("public key is not a point on secp256k1: " + e.getMessage());
        }
    }

    /** ser256: a scalar as exactly 32 big-endian bytes. */
    static byte[] toBytes32(BigInteger k) {
        byte[] raw = k.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
