package org.nakamoto.wallet.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.Hashes;

/**
 * A BIP32 extended public key (K, c). Derives non-hardened public children without any private key, which
 * is what lets a watch-only wallet hand out fresh addresses.
 */
public final class ExtendedPublicKey {
    private final byte[] publicKey;
    private final byte[] chainCode;
    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;

    private ExtendedPublicKey(byte[] publicKey, byte[] chainCode, int depth, int parentFingerprint, int childNumber) {
        this.publicKey = publicKey;
        this.chainCode = chainCode;
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
    }

    /** For {@link ExtendedPrivateKey#neuter()}: the arrays are already private copies of checked values. */
    static ExtendedPublicKey of(byte[] publicKey, byte[] chainCode, int depth, int parentFingerprint, int childNumber) {
        return new ExtendedPublicKey(publicKey, chainCode, depth, parentFingerprint, childNumber);
    }

    /**
     * CKDpub: the non-hardened child with a child number below 2^31.
     *
     * @throws IllegalArgumentException for a hardened child number, which needs the private key
     * @throws InvalidChildKeyException in BIP32's invalid case; the caller should use the next index
     * @throws IllegalStateException below depth 255, which the serialization cannot express
     */
    public ExtendedPublicKey derive(int childNumber) {
        if (DerivationPath.isHardened(childNumber)) {
            throw new IllegalArgumentException("hardened child " + (childNumber & ~DerivationPath.HARDENED_BIT)
                    + "' cannot be derived from a public key");
        }
        if (depth == ExtendedKeyFields.MAX_DEPTH) {
            throw new IllegalStateException("cannot derive below depth " + ExtendedKeyFields.MAX_DEPTH);
        }
        byte[] data = ByteBuffer.allocate(37).put(publicKey).putInt(childNumber).array();
        byte[] i = HmacSha512.mac(chainCode, data);
        byte[] child = tweak(publicKey, Arrays.copyOf(i, 32), childNumber);
        return new ExtendedPublicKey(child, Arrays.copyOfRange(i, 32, 64), depth + 1, fingerprint(), childNumber);
    }

    /** The key at a path relative to this one; the path must have no hardened step. */
    public ExtendedPublicKey derive(DerivationPath path) {
        ExtendedPublicKey key = this;
        for (int d = 0; d < path.size(); d++) {
            key = key.derive(path.get(d));
        }
        return key;
    }

    /** K_i = point(parse256(I_L)) + K_par, refusing I_L &gt;= n and the point at infinity as BIP32 requires. */
    static byte[] tweak(byte[] parentKey, byte[] il, int childNumber) {
        BigInteger t = new BigInteger(1, il);
        if (t.compareTo(Secp256k1Points.N) >= 0) {
            throw new InvalidChildKeyException(childNumber, "I_L is not below the curve order");
        }
        byte[] child = Secp256k1Points.addTweak(parentKey, t);
        if (child == null) {
            throw new InvalidChildKeyException(childNumber, "child public key is the point at infinity");
        }
        return child;
    }

    /**
     * Parses a Base58Check extended public key of the given network.
     *
     * @throws ParseException on bad Base58Check, a wrong length or version (an xprv, or another network's
     *     key), an inconsistent master header, or key data that is not a compressed point on secp256k1
     */
    public static ExtendedPublicKey fromBase58(String text, Bip32Versions versions) {
        ExtendedKeyFields f = ExtendedKeyFields.fromBase58(text);
        if (f.version() != versions.publicVersion()) {
            throw ExtendedKeyFields.wrongVersion(f.version(), versions.publicVersion(), versions);
        }
        // BIP32: an imported public key must be checked to be on the curve.
        Secp256k1Points.decode(f.keyData());
        return new ExtendedPublicKey(f.keyData(), f.chainCode(), f.depth(), f.parentFingerprint(), f.childNumber());
    }

    /** The Base58Check serialization ("xpub..." with mainnet versions). */
    public String toBase58(Bip32Versions versions) {
        return new ExtendedKeyFields(versions.publicVersion(), depth, parentFingerprint, childNumber, chainCode,
                publicKey).toBase58();
    }

    /** A copy of the 33-byte compressed public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] chainCode() {
        return chainCode.clone();
    }

    public int depth() {
        return depth;
    }

    public int parentFingerprint() {
        return parentFingerprint;
    }

    /** The raw child number this key was derived with; 0 for a master key. */
    public int childNumber() {
        return childNumber;
    }

    /** The key identifier: hash160 of the compressed public key (the same hash a P2PKH address carries). */
    public byte[] identifier() {
        return Hashes.hash160(publicKey);
    }

    /** The first 4 bytes of the identifier, big-endian; its children carry it as their parent fingerprint. */
    public int fingerprint() {
        return fingerprintOf(publicKey);
    }

    static int fingerprintOf(byte[] compressedPublicKey) {
        return ByteBuffer.wrap(Hashes.hash160(compressedPublicKey)).getInt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedPublicKey k && depth == k.depth && parentFingerprint == k.parentFingerprint
                && childNumber == k.childNumber && Arrays.equals(publicKey, k.publicKey)
                && Arrays.equals(chainCode, k.chainCode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey) * 31 + childNumber;
    }

    @Override
    public String toString() {
        return String.format("ExtendedPublicKey[depth=%d, child=%s, key=%s]", depth,
                DerivationPath.of(childNumber).toString().substring(2), Hex.encode(publicKey));
    }
}
