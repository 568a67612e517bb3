package org.nakamoto.chain.codec;

import java.util.Arrays;

/** Writes Bitcoin's little-endian encodings into a growing buffer. Not thread-safe. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public ByteWriter writeUint8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter writeUint16LE(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        return this;
    }

    public ByteWriter writeUint16BE(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter writeInt32LE(int v) {
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 24);
        return this;
    }

    public ByteWriter writeUint32LE(long v) {
        return writeInt32LE((int) v);
    }

    public ByteWriter writeInt64LE(long v) {
        writeInt32LE((int) v);
        return writeInt32LE((int) (v >>> 32));
    }

    public ByteWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public ByteWriter writeBytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public ByteWriter writeCompactSize(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative CompactSize");
        }
        if (v < 0xfd) {
            writeUint8((int) v);
        } else if (v <= 0xffff) {
            writeUint8(0xfd).writeUint16LE((int) v);
        } else if (v <= 0xffffffffL) {
            writeUint8(0xfe).writeUint32LE(v);
        } else {
            writeUint8(0xff).writeInt64LE(v);
        }
        return this;
    }

    public ByteWriter writeVarBytes(byte[] b) {
        writeCompactSize(b.length);
        return writeBytes(b);
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public static int compactSizeLength(long v) {
        return v < 0xfd ? 1 : v <= 0xffff ? 3 : v <= 0xffffffffL ? 5 : 9;
    }
}
