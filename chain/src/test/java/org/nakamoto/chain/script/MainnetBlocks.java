package org.nakamoto.chain.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.model.Block;

/** Reads the test resource holding Bitcoin mainnet blocks 0..438 in blk*.dat format (magic, length, block). */
final class MainnetBlocks {
    private static final int MAGIC = 0xd9b4bef9; // f9beb4d9 read little-endian

    private MainnetBlocks() {
    }

    static List<Block> load() {
        byte[] data;
        try (InputStream in = MainnetBlocks.class.getResourceAsStream("/bitcoin/mainnet-blocks-0-438.dat")) {
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteReader r = new ByteReader(data);
        List<Block> blocks = new ArrayList<>();
        while (r.hasRemaining()) {
            if (r.readInt32LE() != MAGIC) {
                throw new IllegalStateException("bad magic at block " + blocks.size());
            }
            int length = r.readInt32LE();
            blocks.add(Block.parse(r.readBytes(length)));
        }
        return blocks;
    }
}
