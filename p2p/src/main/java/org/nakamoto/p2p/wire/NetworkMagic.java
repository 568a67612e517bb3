package org.nakamoto.p2p.wire;

import java.util.Arrays;
import org.nakamoto.chain.codec.Hex;

/**
 * The four bytes that open every message of one network, in wire order. Kept as bytes rather than an int
 * so that nobody has to remember which endianness "0xd9b4bef9" was written in.
 */
public final class NetworkMagic {
    public static final int LENGTH = 4;
    /** Bitcoin mainnet's pchMessageStart. */
    public static final NetworkMagic BITCOIN_MAINNET = fromHex("f9beb4d9");

    private final byte[] bytes;

    private NetworkMagic(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Four bytes in the order they appear on the wire. */
    public static NetworkMagic of(byte[] wireOrder) {
        if (wireOrder.length != LENGTH) {
            throw new IllegalArgumentException("network magic must be 4 bytes, got " + wireOrder.length);
        }
        return new NetworkMagic(wireOrder.clone());
    }

    public static NetworkMagic fromHex(String hex) {
        return of(Hex.decode(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    byte byteAt(int i) {
        return bytes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkMagic m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
