package org.nakamoto.chain.codec;

import java.util.Arrays;

/**
 * Reads Bitcoin's little-endian encodings from a byte array. Every read checks the bytes that remain
 * first, so truncated input fails with {@link ParseException} and a forged length never causes an
 * allocation larger than the input itself. Not thread-safe: one reader per parse.
 */
public final class ByteReader {
    /** Bitcoin Core's MAX_SIZE: the largest CompactSize a length may carry. */
    public static final long MAX_COMPACT_SIZE = 0x02000000L;

    private final byte[] data;
    private final int end;
    private int pos;

    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ByteReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("slice out of range");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** The underlying array; callers use it with {@link #position()} to slice without copying. */
    public byte[] array() {
        return data;
    }

    private void require(long n, String what) {
        if (n > end - pos) {
            throw new ParseException("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " remain");
        }
    }

    public int readUint8() {
        require(1, "uint8");
        return data[pos++] & 0xff;
    }

    public int readUint16LE() {
        require(2, "uint16");
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public int readUint16BE() {
        require(2, "uint16");
        int v = (data[pos] & 0xff) << 8 | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int readInt32LE() {
        require(4, "int32");
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long readUint32LE() {
        return readInt32LE() & 0xffffffffL;
    }

    public long readInt64LE() {
        require(8, "int64");
        long lo = readInt32LE() & 0xffffffffL;
        long hi = readInt32LE() & 0xffffffffL;
        return lo | hi << 32;
    }

    public byte[] readBytes(int n) {
        if (n < 0) {
            throw new ParseException("negative length " + n);
        }
        require(n, "byte string");
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        require(n, "skip");
        pos += n;
    }

    /** A CompactSize as Bitcoin Core reads it: canonical (shortest) form only, at most {@link #MAX_COMPACT_SIZE}. */
    public long readCompactSize() {
        int first = readUint8();
        long value;
        if (first < 0xfd) {
            return first;
        } else if (first == 0xfd) {
            value = readUint16LE();
            if (value < 0xfd) {
                throw new ParseException("non-canonical CompactSize");
            }
        } else if (first == 0xfe) {
            value = readUint32LE();
            if (value < 0x10000L) {
                throw new ParseException("non-canonical CompactSize");
            }
        } else {
            value = readInt64LE();
            if (Long.compareUnsigned(value, 0x100000000L) < 0) {
                throw new ParseException("non-canonical CompactSize");
            }
        }
        if (Long.compareUnsigned(value, MAX_COMPACT_SIZE) > 0) {
            throw new ParseException("CompactSize " + Long.toUnsignedString(value) + " exceeds " + MAX_COMPACT_SIZE);
        }
        return value;
    }

    /**
     * A CompactSize count of items each at least {@code minItemBytes} long. Refuses a count the remaining
     * bytes could not hold, so callers may size a list by it without trusting the sender.
     */
    public int readCount(int minItemBytes, String what) {
        long count = readCompactSize();
        if (count * Math.max(1, minItemBytes) > remaining()) {
            throw new ParseException(what + " count " + count + " exceeds the " + remaining() + " bytes that remain");
        }
        return (int) count;
    }

    /** A CompactSize length followed by that many bytes. */
    public byte[] readVarBytes() {
        long n = readCompactSize();
        require(n, "var bytes");
        return readBytes((int) n);
    }

    /** Fails unless every byte was consumed: trailing bytes are an error, not padding. */
    public void expectEnd(String what) {
        if (pos != end) {
            throw new ParseException(what + ": " + (end - pos) + " trailing bytes");
        }
    }
}
