package org.nakamoto.chain.blockfile;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Block;

/**
 * Reads Bitcoin's blk*.dat format: records of 4 magic bytes, a 4-byte little-endian length and the
 * serialized block. Zero bytes between records are skipped (Bitcoin Core pre-allocates its files with
 * zeros). A wrong magic, a length above the limit, or a block that does not parse is a
 * {@link ParseException} naming the byte offset. Not thread-safe.
 */
public final class BlockFileReader implements Closeable {
    private final InputStream in;
    private final byte[] magic;
    private final int maxBlockSize;
    private long offset;

    public BlockFileReader(InputStream in, byte[] magic, int maxBlockSize) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.magic = magic.clone();
        this.maxBlockSize = maxBlockSize;
    }

    public static BlockFileReader open(Path file, byte[] magic, int maxBlockSize) throws IOException {
        return new BlockFileReader(Files.newInputStream(file), magic, maxBlockSize);
    }

    /** Byte offset of the next record. */
    public long offset() {
        return offset;
    }

    /** The next block, or null at the end of the file. */
    public Block next() throws IOException {
        int first;
        do {
            first = in.read();
            if (first < 0) {
                return null;
            }
            offset++;
        } while (first == 0);
        long recordStart = offset - 1;
        byte[] head = new byte[8];
        head[0] = (byte) first;
        readFully(head, 1, 7, recordStart);
        for (int i = 0; i < 4; i++) {
            if (head[i] != magic[i]) {
                throw new ParseException(String.format("bad magic %02x%02x%02x%02x at offset %d",
                        head[0], head[1], head[2], head[3], recordStart));
            }
        }
        long length = (head[4] & 0xffL) | (head[5] & 0xffL) << 8 | (head[6] & 0xffL) << 16 | (head[7] & 0xffL) << 24;
        if (length < 81 || length > maxBlockSize) {
            throw new ParseException("block length " + length + " at offset " + recordStart + " is outside [81, " + maxBlockSize + "]");
        }
        // readNBytes grows its buffer as bytes arrive, so a forged length cannot allocate more than the file holds.
        byte[] raw = in.readNBytes((int) length);
        offset += raw.length;
        if (raw.length < length) {
            throw new ParseException("truncated record at offset " + recordStart + ": " + raw.length + " of " + length + " bytes");
        }
        try {
            return Block.parse(raw);
        } catch (ParseException e) {
            throw new ParseException("block at offset " + recordStart + ": " + e.getMessage());
        }
    }

    private void readFully(byte[] b, int off, int len, long recordStart) throws IOException {
        int n = in.readNBytes(b, off, len);
        offset += n;
        if (n < len) {
            throw new ParseException("truncated record at offset " + recordStart, new EOFException());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
