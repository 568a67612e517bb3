package org.nakamoto.chain.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.testing.MainnetBlocks;

class ParsingBadInputTest {

    @Test
    void everyMainnetBlockRoundTripsByteExactly() {
        List<Block> blocks = MainnetBlocks.all();
        assertEquals(439, blocks.size());
        for (Block b : blocks) {
            byte[] raw = b.serialize();
            assertEquals(b.size(), raw.length);
            assertArrayEquals(raw, Block.parse(raw).serialize());
        }
        assertEquals(MainnetBlocks.TIP_438, blocks.get(438).hash().toString());
    }

    @Test
    void everyTruncationOfARealBlockIsAParseError() {
        byte[] raw = MainnetBlocks.all().get(170).serialize(); // two transactions, one with a signature
        for (int len = 0; len < raw.length; len++) {
            byte[] cut = Arrays.copyOf(raw, len);
            onlyParseException(() -> Block.parse(cut), "truncated to " + len);
        }
    }

    @Test
    void trailingBytesAreAParseError() {
        Transaction tx = MainnetBlocks.all().get(170).transactions().get(1);
        byte[] raw = Arrays.copyOf(tx.serialize(), tx.size() + 1);
        ParseException e = assertThrows(ParseException.class, () -> Transaction.parse(raw));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        byte[] header = Arrays.copyOf(MainnetBlocks.all().get(1).header().serialize(), 81);
        assertThrows(ParseException.class, () -> BlockHeader.parse(header));
        byte[] block = Arrays.copyOf(MainnetBlocks.all().get(1).serialize(), MainnetBlocks.all().get(1).size() + 3);
        assertThrows(ParseException.class, () -> Block.parse(block));
    }

    @Test
    void forgedHugeCountsAllocateNothingLikeWhatTheyClaim() {
        // version, then an input count of 0x01ffffff in CompactSize form, then a few bytes.
        byte[] forgedInputs = Hex.decode("01000000" + "feffffff01" + "00".repeat(40));
        // version, one input whose script length claims 32 MB.
        byte[] forgedScript = Hex.decode("01000000" + "01" + "00".repeat(36) + "fe00000002" + "00".repeat(10));
        // a header followed by a transaction count of 2^25.
        byte[] forgedBlock = Hex.decode("00".repeat(80) + "fe00000002" + "00".repeat(10));
        // a count beyond MAX_SIZE and a non-canonical one
        byte[] overMax = Hex.decode("01000000" + "ff0000000001000000");
        byte[] nonCanonical = Hex.decode("01000000" + "fd0100");

        for (byte[] forged : List.of(forgedInputs, forgedScript, forgedBlock, overMax, nonCanonical)) {
            long before = allocatedBytes();
            ParseException e = assertThrows(ParseException.class,
                    () -> {
                        if (forged == forgedBlock) {
                            Block.parse(forged);
                        } else {
                            Transaction.parse(forged);
                        }
                    });
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes for " + e.getMessage());
        }
    }

    @Test
    void nonCanonicalCompactSizesAreRefused() {
        assertThrows(ParseException.class, () -> new ByteReader(Hex.decode("fdfc00")).readCompactSize());
        assertThrows(ParseException.class, () -> new ByteReader(Hex.decode("feffff0000")).readCompactSize());
        assertThrows(ParseException.class, () -> new ByteReader(Hex.decode("ffffffffff00000000")).readCompactSize());
        assertEquals(0xfd, new ByteReader(Hex.decode("fdfd00")).readCompactSize());
        assertEquals(0x10000, new ByteReader(Hex.decode("fe00000100")).readCompactSize());
        for (long v : new long[] {0, 1, 0xfc, 0xfd, 0xffff, 0x10000, 0x2000000}) {
            byte[] enc = new ByteWriter().writeCompactSize(v).toByteArray();
            assertEquals(ByteWriter.compactSizeLength(v), enc.length);
            assertEquals(v, new ByteReader(enc).readCompactSize());
        }
    }

    @Test
    void randomAndMutatedBytesNeverThrowAnythingButParseException() {
        Random rnd = new Random(42);
        byte[] real = MainnetBlocks.all().get(170).serialize();
        for (int i = 0; i < 20_000; i++) {
            byte[] data;
            if (i % 2 == 0) {
                data = new byte[rnd.nextInt(300)];
                rnd.nextBytes(data);
            } else {
                data = real.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
                }
            }
            byte[] d = data;
            onlyParseException(() -> Block.parse(d), "block fuzz " + i);
            onlyParseException(() -> Transaction.parse(d), "tx fuzz " + i);
        }
    }

    @Test
    void hexDecodingErrorsAreClear() {
        assertThrows(ParseException.class, () -> Hex.decode("abc"));
        assertThrows(ParseException.class, () -> Hex.decode("zz"));
        assertArrayEquals(new byte[] {0x0a, (byte) 0xbc}, Hex.decode("0aBC"));
    }

    private static void onlyParseException(Runnable parse, String what) {
        try {
            parse.run();
        } catch (ParseException expected) {
            // the one allowed failure
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

}
