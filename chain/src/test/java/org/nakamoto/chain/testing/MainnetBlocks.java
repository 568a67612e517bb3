package org.nakamoto.chain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.blockfile.BlockFileReader;
import org.nakamoto.chain.model.Block;

/** Bitcoin mainnet blocks 0..438 from the test resources (copied from shared/testdata/bitcoin). */
public final class MainnetBlocks {
    public static final String RESOURCE = "/bitcoin/mainnet-blocks-0-438.dat";
    public static final byte[] MAGIC = {(byte) 0xf9, (byte) 0xbe, (byte) 0xb4, (byte) 0xd9};
    public static final String TIP_438 = "0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a";

    private static List<Block> cached;

    private MainnetBlocks() {
    }

    public static synchronized List<Block> all() {
        if (cached == null) {
            List<Block> blocks = new ArrayList<>();
            try (BlockFileReader r = new BlockFileReader(stream(), MAGIC, 1_000_000)) {
                for (Block b = r.next(); b != null; b = r.next()) {
                    blocks.add(b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cached = List.copyOf(blocks);
        }
        return cached;
    }

    public static InputStream stream() {
        InputStream in = MainnetBlocks.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " missing from test resources");
        }
        return in;
    }

    public static byte[] rawFile() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
