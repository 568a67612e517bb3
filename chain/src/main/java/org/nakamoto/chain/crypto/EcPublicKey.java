package org.nakamoto.chain.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key: a point on the curve other than infinity. Decoding accepts what
 * libsecp256k1's {@code ec_pubkey_parse} accepts: 33-byte compressed (02/03), 65-byte uncompressed (04)
 * and 65-byte hybrid (06/07, whose prefix must match the parity of y). Immutable; safe to share.
 *
 * <p>The key is held as its 65-byte uncompressed encoding, which libsecp256k1 re-parses without a square
 * root; the Bouncy Castle point is built only when the Java engine asks for it, so the native path never
 * pays for Java curve arithmetic.
 */
public final class EcPublicKey {
    private final byte[] uncompressed;
    /** Bouncy Castle's view of the key, made on first use; racy but idempotent, hence only volatile. */
    private volatile ECPublicKeyParameters params;

    EcPublicKey(ECPoint point) {
        ECPoint p = point.normalize();
        this.uncompressed = p.getEncoded(false);
        this.params = new ECPublicKeyParameters(p, Secp256k1.DOMAIN);
    }

    private EcPublicKey(byte[] uncompressed) {
        this.uncompressed = uncompressed;
    }

    /**
     * A key an engine has already checked to be on the curve, in its 65-byte 04 encoding. The array is
     * taken over, not copied (the native engine hands over a fresh one on a hot path): the caller must
     * not keep it.
     */
    static EcPublicKey adoptValidatedUncompressed(byte[] uncompressed65) {
        if (uncompressed65.length != 65 || uncompressed65[0] != 0x04) {
            throw new IllegalArgumentException("not a 65-byte uncompressed key");
        }
        return new EcPublicKey(uncompressed65);
    }

    /**
     * Whether 32 bytes are a BIP340 x-only public key: an x coordinate below the field size with a point on
     * the curve (Core's XOnlyPubKey::IsFullyValid). Witness v1 programs that are not keys are still valid
     * outputs, only unspendable by key path.
     */
    public static boolean isValidXOnly(byte[] x32) {
        return x32 != null && x32.length == 32 && Bip340.liftX(x32) != null;
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
            // libsecp256k1 checks the same itself; converting here lets both engines see only 02/03/04.
            boolean yOdd = (encoded[64] & 1) == 1;
            if (yOdd != (prefix == 0x07)) {
                return Optional.empty();
            }
            standard = encoded.clone();
            standard[0] = 0x04;
        } else {
            return Optional.empty();
        }
        return SignatureEngines.active().decodePublicKey(standard);
    }

    /**
     * ECDSA verification of a 32-byte hash (the hash's bytes read as a big-endian number, as Bitcoin
     * does). High-S signatures verify too: Core normalises them before checking, which is equivalent.
     */
    public boolean verify(byte[] hash32, EcdsaSignature sig) {
        if (hash32.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes, got " + hash32.length);
        }
        if (!sig.inRange()) {
            return false; // includes the (0, 0) the lax parser returns for overflowing integers
        }
        return SignatureEngines.active().verifyEcdsa(hash32, sig, this);
    }

    /** The 33-byte compressed or 65-byte uncompressed encoding. */
    public byte[] encode(boolean compressed) {
        if (!compressed) {
            return uncompressed.clone();
        }
        byte[] out = Arrays.copyOf(uncompressed, 33);
        out[0] = (byte) (hasEvenY() ? 0x02 : 0x03);
        return out;
    }

    /** The 32-byte x coordinate: BIP340's x-only form of this key (which stands for the even-y twin). */
    public byte[] xOnly() {
        return Arrays.copyOfRange(uncompressed, 1, 33);
    }

    public boolean hasEvenY() {
        return (uncompressed[64] & 1) == 0;
    }

    /** RIPEMD-160 of SHA-256 of the chosen encoding: what a pay-to-pubkey-hash script commits to. */
    public byte[] hash160(boolean compressed) {
        return Hashes.hash160(encode(compressed));
    }

    /** The uncompressed encoding without a copy, for the native engine (which never writes to it). */
    byte[] uncompressedUnsafe() {
        return uncompressed;
    }

    ECPublicKeyParameters bouncyCastle() {
        ECPublicKeyParameters p = params;
        if (p == null) {
            // Already validated on the curve, so decoding cannot fail.
            p = new ECPublicKeyParameters(Secp256k1.DOMAIN.getCurve().decodePoint(uncompressed), Secp256k1.DOMAIN);
            params = p;
        }
        return p;
    }

    ECPoint point() {
        return bouncyCastle().getQ();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcPublicKey k && Arrays.equals(uncompressed, k.uncompressed);
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
