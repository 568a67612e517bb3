package org.nakamoto.chain.model;

import java.math.BigInteger;
import java.util.Arrays;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.Hashes;

/**
 * A 32-byte hash kept in internal (serialized) byte order. Bitcoin displays hashes byte-reversed, as the
 * little-endian 256-bit number they are; {@link #toString()} and {@link #fromHex(String)} use that form.
 * Ordering compares the numbers, so "lower hash" means what it means in Bitcoin.
 */
public final class Hash256 implements Comparable<Hash256> {
    public static final int LENGTH = 32;
    public static final Hash256 ZERO = new Hash256(new byte[LENGTH]);

    private final byte[] bytes;
    private final int hashCode;

    private Hash256(byte[] internalOrder) {
        this.bytes = internalOrder;
        this.hashCode = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    /** Wraps a copy of 32 bytes in internal order. */
    public static Hash256 wrap(byte[] internalOrder) {
        if (internalOrder.length != LENGTH) {
            throw new IllegalArgumentException("hash must be 32 bytes, got " + internalOrder.length);
        }
        return new Hash256(internalOrder.clone());
    }

    /** The double SHA-256 of a byte range. */
    public static Hash256 sha256d(byte[] data, int off, int len) {
        return new Hash256(Hashes.sha256d(data, off, len));
    }

    public static Hash256 sha256d(byte[] data) {
        return new Hash256(Hashes.sha256d(data));
    }

    /** Parses the displayed (byte-reversed) hex form. */
    public static Hash256 fromHex(String displayHex) {
        byte[] b = Hex.decode(displayHex);
        if (b.length != LENGTH) {
            throw new ParseException("hash must be 64 hex digits, got " + displayHex.length());
        }
        reverse(b);
        return new Hash256(b);
    }

    public static Hash256 read(ByteReader r) {
        return new Hash256(r.readBytes(LENGTH));
    }

    public void write(ByteWriter w) {
        w.writeBytes(bytes);
    }

    /** A copy of the bytes in internal order. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Bytes in internal order written into {@code dst}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    /** The hash as the unsigned little-endian 256-bit number Bitcoin compares against targets. */
    public BigInteger toBigInteger() {
        byte[] be = bytes.clone();
        reverse(be);
        return new BigInteger(1, be);
    }

    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Hash256 o) {
        for (int i = LENGTH - 1; i >= 0; i--) {
            int c = Integer.compare(bytes[i] & 0xff, o.bytes[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash256 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    /** The displayed, byte-reversed hex form. */
    @Override
    public String toString() {
        byte[] b = bytes.clone();
        reverse(b);
        return Hex.encode(b);
    }

    static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }
}
