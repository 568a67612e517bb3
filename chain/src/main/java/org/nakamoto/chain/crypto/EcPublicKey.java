package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key: a point on the curve other than infinity. Decoding accepts what
 * libsecp256k1's {@code ec_pubkey_parse} accepts: 33-byte compressed (02/03), 65-byte uncompressed (04)
 * and 65-byte hybrid (06/07, whose prefix must match the parity of y). Immutable; safe to share.
 */
public final class EcPublicKey {
    private final ECPoint point;
    private final ECPublicKeyParameters params;

    EcPublicKey(ECPoint point) {
        this.point = point.normalize();
        this.params = new ECPublicKeyParameters(this.point, Secp256k1.DOMAIN);
    }

    /** Decodes a serialized key; anything that is not a valid point is empty, never an exception. */
    public static Optional<EcPublicKey> decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return Optional.empty();
        }
        int prefix = encoded[0];
        byte[] standard;
        if ((prefix == 0x02 || prefix == 0x03) && encoded.length == 33) {
            standard = encoded;
        } else if (prefix == 0x04 && encoded.length == 65) {
            standard = encoded;
        } else if ((prefix == 0x06 || prefix == 0x07) && encoded.length == 65) {
            // Hybrid keys (an OpenSSL format) are accepted by consensus; the prefix repeats y's parity.
            boolean yOdd = (encoded[64] & 1) == 1;
            if (yOdd != (prefix == 0x07)) {
                return Optional.empty();
            }
            standard = encoded.clone();
            standard[0] = 0x04;
        } else {
            return Optional.empty();
        }
        try {
            // Bouncy Castle rejects coordinates >= p, points off the curve and x without a square root.
            return Optional.of(new EcPublicKey(Secp256k1.DOMAIN.getCurve().decodePoint(standard)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * ECDSA verification of a 32-byte hash (the hash's bytes read as a big-endian number, as Bitcoin
     * does). High-S signatures verify too: Core normalises them before checking, which is equivalent.
     */
    public boolean verify(byte[] hash32, EcdsaSignature sig) {
        if (hash32.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes, got " + hash32.length);
        }
        BigInteger r = sig.r();
        BigInteger s = sig.s();
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, params);
        return verifier.verifySignature(hash32, r, s);
    }

    /** The 33-byte compressed or 65-byte uncompressed encoding. */
    public byte[] encode(boolean compressed) {
        return point.getEncoded(compressed);
    }

    /** RIPEMD-160 of SHA-256 of the chosen encoding: what a pay-to-pubkey-hash script commits to. */
    public byte[] hash160(boolean compressed) {
        return Hashes.hash160(encode(compressed));
    }

    ECPoint point() {
        return point;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcPublicKey k && point.equals(k.point);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode(true));
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(encode(true)); // lower case, as codec.Hex; crypto stays below codec
    }
}
