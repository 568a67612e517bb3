package org.nakamoto.chain.model;

import java.util.Arrays;
import java.util.Optional;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.Hashes;

/**
 * A pay-to-pubkey-hash address: a network's version byte and the 20-byte hash160 of a public key, written
 * in Base58Check. The version byte is what keeps a testnet address from being paid on mainnet, so parsing
 * always takes the version the caller's network expects.
 */
public final class Address {
    public static final int HASH_LENGTH = 20;

    private static final int OP_DUP = 0x76;
    private static final int OP_HASH160 = 0xa9;
    private static final int OP_EQUALVERIFY = 0x88;
    private static final int OP_CHECKSIG = 0xac;
    private static final int P2PKH_SCRIPT_LENGTH = 25;

    private final int version;
    private final byte[] hash160;

    private Address(int version, byte[] hash160) {
        this.version = version;
        this.hash160 = hash160;
    }

    /** The address of a 20-byte public key hash under a network's version byte (0..255). */
    public static Address p2pkh(int version, byte[] hash160) {
        checkVersion(version);
        if (hash160.length != HASH_LENGTH) {
            throw new IllegalArgumentException("P2PKH hash must be 20 bytes, got " + hash160.length);
        }
        return new Address(version, hash160.clone());
    }

    /** The address of a serialized public key, compressed or not: each form has its own hash and address. */
    public static Address fromPublicKey(int version, byte[] serializedPublicKey) {
        checkVersion(version);
        return new Address(version, Hashes.hash160(serializedPublicKey));
    }

    /**
     * Parses a Base58Check address.
     *
     * @throws ParseException on bad characters or checksum, a payload that is not 21 bytes, or a version byte
     *     other than {@code expectedVersion} (an address of another network)
     */
    public static Address parse(String text, int expectedVersion) {
        checkVersion(expectedVersion);
        byte[] payload = Base58Check.decode(text);
        if (payload.length != 1 + HASH_LENGTH) {
            throw new ParseException("address payload must be 21 bytes, got " + payload.length);
        }
        int version = payload[0] & 0xff;
        if (version != expectedVersion) {
            throw new ParseException(String.format(
                    "address version 0x%02x belongs to another network or type; this network expects 0x%02x",
                    version, expectedVersion));
        }
        return new Address(version, Arrays.copyOfRange(payload, 1, payload.length));
    }

    /** OP_DUP OP_HASH160 &lt;20-byte hash&gt; OP_EQUALVERIFY OP_CHECKSIG: the output script paying this address. */
    public Script scriptPubKey() {
        byte[] s = new byte[P2PKH_SCRIPT_LENGTH];
        s[0] = (byte) OP_DUP;
        s[1] = (byte) OP_HASH160;
        s[2] = (byte) HASH_LENGTH;
        System.arraycopy(hash160, 0, s, 3, HASH_LENGTH);
        s[23] = (byte) OP_EQUALVERIFY;
        s[24] = (byte) OP_CHECKSIG;
        return Script.of(s);
    }

    /** Whether a script is exactly the standard pay-to-pubkey-hash template. */
    public static boolean isP2pkh(Script script) {
        byte[] s = script.unsafeBytes();
        return s.length == P2PKH_SCRIPT_LENGTH
                && (s[0] & 0xff) == OP_DUP
                && (s[1] & 0xff) == OP_HASH160
                && s[2] == HASH_LENGTH
                && (s[23] & 0xff) == OP_EQUALVERIFY
                && (s[24] & 0xff) == OP_CHECKSIG;
    }

    /**
     * The address a pay-to-pubkey-hash output script pays, or empty for any other script. The script does not
     * carry a network, so the caller supplies the version byte.
     */
    public static Optional<Address> fromScriptPubKey(Script script, int version) {
        checkVersion(version);
        if (!isP2pkh(script)) {
            return Optional.empty();
        }
        return Optional.of(new Address(version, Arrays.copyOfRange(script.unsafeBytes(), 3, 3 + HASH_LENGTH)));
    }

    public int version() {
        return version;
    }

    /** A copy of the 20-byte public key hash. */
    public byte[] hash160() {
        return hash160.clone();
    }

    private static void checkVersion(int version) {
        if (version < 0 || version > 0xff) {
            throw new IllegalArgumentException("address version must be one byte, got " + version);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && version == a.version && Arrays.equals(hash160, a.hash160);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(hash160);
    }

    /** The Base58Check form. */
    @Override
    public String toString() {
        byte[] payload = new byte[1 + HASH_LENGTH];
        payload[0] = (byte) version;
        System.arraycopy(hash160, 0, payload, 1, HASH_LENGTH);
        return Base58Check.encode(payload);
    }
}
