package org.nakamoto.wallet.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.Hashes;

/**
 * A BIP32 extended private key (k, c): a private key, a chain code, and where it sits in the tree. Derives
 * private children, hardened or not, and its public half ({@link #neuter()}).
 */
public final class ExtendedPrivateKey {
    private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_SEED_BYTES = 16;
    private static final int MAX_SEED_BYTES = 64;

    private final byte[] privateKey;
    private final byte[] chainCode;
    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;
    private final byte[] publicKey;

    private ExtendedPrivateKey(byte[] privateKey, byte[] chainCode, int depth, int parentFingerprint, int childNumber) {
        this.privateKey = privateKey;
        this.chainCode = chainCode;
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
        // Computed once: every non-hardened child and every child's parent fingerprint needs it.
        this.publicKey = Secp256k1Points.publicKeyOf(new BigInteger(1, privateKey));
    }

    /**
     * The master key of a seed (128 to 512 bits; a BIP39 seed is 512): HMAC-SHA512 keyed with "Bitcoin seed".
     *
     * @throws IllegalArgumentException if the seed length is out of range or, with odds below 2^-127, the seed
     *     gives an invalid master key
     */
    public static ExtendedPrivateKey fromSeed(byte[] seed) {
        if (seed.length < MIN_SEED_BYTES || seed.length > MAX_SEED_BYTES) {
            throw new IllegalArgumentException("BIP32 seed must be 16 to 64 bytes, got " + seed.length);
        }
        byte[] i = HmacSha512.mac(MASTER_HMAC_KEY, seed);
        BigInteger k = new BigInteger(1, Arrays.copyOf(i, 32));
        if (!Secp256k1Points.isValidPrivateKey(k)) {
            throw new IllegalArgumentException("seed gives an invalid BIP32 master key; use another seed");
        }
        return new ExtendedPrivateKey(Arrays.copyOf(i, 32), Arrays.copyOfRange(i, 32, 64), 0, 0, 0);
    }

    /**
     * CKDpriv: the child with a raw child number (hardened if its top bit is set, see
     * {@link DerivationPath#harden(int)}).
     *
     * @throws InvalidChildKeyException in BIP32's invalid case; the caller should use the next index
     * @throws IllegalStateException below depth 255, which the serialization cannot express
     */
    public ExtendedPrivateKey derive(int childNumber) {
        if (depth == ExtendedKeyFields.MAX_DEPTH) {
            throw new IllegalStateException("cannot derive below depth " + ExtendedKeyFields.MAX_DEPTH);
        }
        ByteBuffer data = ByteBuffer.allocate(37);
        if (DerivationPath.isHardened(childNumber)) {
            // Hardened: the private key goes into the HMAC, so the public half cannot follow.
            data.put((byte) 0).put(privateKey);
        } else {
            data.put(publicKey);
        }
        data.putInt(childNumber);
        byte[] i = HmacSha512.mac(chainCode, data.array());
        BigInteger child = tweak(new BigInteger(1, privateKey), Arrays.copyOf(i, 32), childNumber);
        return new ExtendedPrivateKey(Secp256k1Points.toBytes32(child), Arrays.copyOfRange(i, 32, 64), depth + 1,
                fingerprint(), childNumber);
    }

    /** The key at a path relative to this one. */
    public ExtendedPrivateKey derive(DerivationPath path) {
        ExtendedPrivateKey key = this;
        for (int d = 0; d < path.size(); d++) {
            key = key.derive(path.get(d));
        }
        return key;
    }

    /** k_i = parse256(I_L) + k_par mod n, refusing I_L &gt;= n and a zero result as BIP32 requires. */
    static BigInteger tweak(BigInteger parentKey, byte[] il, int childNumber) {
        BigInteger t = new BigInteger(1, il);
        if (t.compareTo(Secp256k1Points.N) >= 0) {
            throw new InvalidChildKeyException(childNumber, "I_L is not below the curve order");
        }
        BigInteger child = t.add(parentKey).mod(Secp256k1Points.N);
        if (child.signum() == 0) {
            throw new InvalidChildKeyException(childNumber, "child private key is zero");
        }
        return child;
    }

    /** N((k, c)): the extended public key with the same chain code and place in the tree. */
    public ExtendedPublicKey neuter() {
        return ExtendedPublicKey.of(publicKey, chainCode, depth, parentFingerprint, childNumber);
    }

    /**
     * Parses a Base58Check extended private key of the given network.
     *
     * @throws ParseException on bad Base58Check, a wrong length or version (an xpub, or another network's
     *     key), an inconsistent master header, key data not 0x00-prefixed, or a key outside [1, n-1]
     */
    public static ExtendedPrivateKey fromBase58(String text, Bip32Versions versions) {
        ExtendedKeyFields f = ExtendedKeyFields.fromBase58(text);
        if (f.version() != versions.privateVersion()) {
            throw ExtendedKeyFields.wrongVersion(f.version(), versions.privateVersion(), versions);
        }
        byte[] data = f.keyData();
        if (data[0] != 0) {
            throw new ParseException(String.format("extended private key data must start with 0x00, got 0x%02x",
                    data[0] & 0xff));
        }
        byte[] k = Arrays.copyOfRange(data, 1, data.length);
        if (!Secp256k1Points.isValidPrivateKey(new BigInteger(1, k))) {
            throw new ParseException("extended private key is not in [1, n-1]");
        }
        return new ExtendedPrivateKey(k, f.chainCode(), f.depth(), f.parentFingerprint(), f.childNumber());
    }

    /** The Base58Check serialization ("xprv..." with mainnet versions). */
    public String toBase58(Bip32Versions versions) {
        byte[] data = new byte[ExtendedKeyFields.KEY_DATA_LENGTH];
        System.arraycopy(privateKey, 0, data, 1, 32);
        return new ExtendedKeyFields(versions.privateVersion(), depth, parentFingerprint, childNumber, chainCode, data)
                .toBase58();
    }

    /** A copy of the 32-byte private key. */
    public byte[] privateKey() {
        return privateKey.clone();
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

    /** The key identifier: hash160 of the compressed public key. */
    public byte[] identifier() {
        return Hashes.hash160(publicKey);
    }

    /** The first 4 bytes of the identifier, big-endian; its children carry it as their parent fingerprint. */
    public int fingerprint() {
        return ExtendedPublicKey.fingerprintOf(publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedPrivateKey k && depth == k.depth && parentFingerprint == k.parentFingerprint
                && childNumber == k.childNumber && Arrays.equals(privateKey, k.privateKey)
                && Arrays.equals(chainCode, k.chainCode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey) * 31 + childNumber;
    }

    /** Where the key sits, never the key itself, so that logging one does not leak it. */
    @Override
    public String toString() {
        return String.format("ExtendedPrivateKey[depth=%d, child=%s, fingerprint=%08x]", depth,
                DerivationPath.of(childNumber).toString().substring(2), fingerprint());
    }
}
