package org.nakamoto.chain.blockfile;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nakamoto.chain.model.Block;

/** Writes blocks in the blk*.dat format: magic, 4-byte little-endian length, block. Not thread-safe. */
public final class BlockFileWriter implements Closeable {
    private final OutputStream out;
    private final byte[] magic;

    public BlockFileWriter(Path file, byte[] magic) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.magic = magic.clone();
    }

    public void write(Block b) throws IOException {
        byte[] raw = b.serialize();
        out.write(magic);
        out.write(raw.length);
        out.write(raw.length >>> 8);
        out.write(raw.length >>> 16);
        out.write(raw.length >>> 24);
        out.write(raw);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
