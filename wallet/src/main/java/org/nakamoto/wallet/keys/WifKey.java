package org.nakamoto.wallet.keys;

import java.math.BigInteger;
import java.util.Arrays;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.ParseException;

/**
 * A private key in Wallet Import Format: Base58Check of a network version byte, the 32-byte key, and a
 * 0x01 suffix when the key's public half is used compressed. The flag matters: the two public key forms hash
 * to different addresses, so importing with the wrong one would not find the coins.
 */
public final class WifKey {
    private static final int KEY_LENGTH = 32;
    private static final byte COMPRESSED_FLAG = 0x01;

    private final byte[] privateKey;
    private final boolean compressed;

    private WifKey(byte[] privateKey, boolean compressed) {
        this.privateKey = privateKey;
        this.compressed = compressed;
    }

    /** @throws IllegalArgumentException unless the key is 32 bytes in [1, n-1] */
    public static WifKey of(byte[] privateKey, boolean compressed) {
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("private key must be 32 bytes, got " + privateKey.length);
        }
        if (!Secp256k1Points.isValidPrivateKey(new BigInteger(1, privateKey))) {
            throw new IllegalArgumentException("private key is not in [1, n-1]");
        }
        return new WifKey(privateKey.clone(), compressed);
    }

    /**
     * Parses a WIF string of the network whose private key version byte is {@code expectedVersion}
     * (0x80 on Bitcoin mainnet, 0xef on testnet and regtest).
     *
     * @throws ParseException on bad Base58Check, a version byte of another network, a wrong length or
     *     compression flag, or a key outside [1, n-1]
     */
    public static WifKey decode(String text, int expectedVersion) {
        byte[] payload = Base58Check.decode(text);
        if (payload.length == 0) {
            throw new ParseException("WIF payload is empty");
        }
        int version = payload[0] & 0xff;
        if (version != expectedVersion) {
            throw new ParseException(String.format(
                    "WIF version 0x%02x belongs to another network or is not a private key; expected 0x%02x",
                    version, expectedVersion));
        }
        boolean compressed;
        if (payload.length == 1 + KEY_LENGTH) {
            compressed = false;
        } else if (payload.length == 2 + KEY_LENGTH && payload[1 + KEY_LENGTH] == COMPRESSED_FLAG) {
            compressed = true;
        } else if (payload.length == 2 + KEY_LENGTH) {
            throw new ParseException(String.format("WIF compression flag must be 0x01, got 0x%02x",
                    payload[1 + KEY_LENGTH] & 0xff));
        } else {
            throw new ParseException("WIF payload must be 33 or 34 bytes, got " + payload.length);
        }
        byte[] key = Arrays.copyOfRange(payload, 1, 1 + KEY_LENGTH);
        if (!Secp256k1Points.isValidPrivateKey(new BigInteger(1, key))) {
            throw new ParseException("WIF private key is not in [1, n-1]");
        }
        return new WifKey(key, compressed);
    }

    /** The WIF string under a network's private key version byte (0..255). */
    public String encode(int version) {
        if (version < 0 || version > 0xff) {
            throw new IllegalArgumentException("WIF version must be one byte, got " + version);
        }
        byte[] payload = new byte[1 + KEY_LENGTH + (compressed ? 1 : 0)];
        payload[0] = (byte) version;
        System.arraycopy(privateKey, 0, payload, 1, KEY_LENGTH);
        if (compressed) {
            payload[1 + KEY_LENGTH] = COMPRESSED_FLAG;
        }
        return Base58Check.encode(payload);
    }

    /** A copy of the 32-byte private key. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    public boolean compressed() {
        return compressed;
    }

    /** The serialized public key in the form the flag selects: 33 bytes compressed or 65 uncompressed. */
    public byte[] publicKey() {
        return Secp256k1Points.publicKeyOf(new BigInteger(1, privateKey), compressed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WifKey w && compressed == w.compressed && Arrays.equals(privateKey, w.privateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(privateKey) * 2 + (compressed ? 1 : 0);
    }

    /** Never the key itself, so that logging one does not leak it. */
    @Override
    public String toString() {
        return "WifKey[" + (compressed ? "compressed" : "uncompressed") + "]";
    }
}
