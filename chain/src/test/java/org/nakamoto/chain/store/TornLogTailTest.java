package org.nakamoto.chain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * A crash in the middle of a LevelDB append, reproduced byte for byte: a real store's newest log is cut
 * at every fragment boundary of its last record and at offsets inside headers and payloads, and padded
 * with zeros as LevelDB 1.8's memory-mapped writer leaves it. Each such store must reopen holding exactly
 * the blocks whose writes completed. Damage to an earlier record must still be refused.
 *
 * <p>This is the deterministic half of the crash tests: {@link CrashSafetyTest} kills real processes at
 * random moments, this one visits the moments that matter on purpose.
 */
class TornLogTailTest {
    private static final NetworkParams PARAMS = TestNetworks.regtest();
    private static final int BLOCKS = 12;

    @TempDir
    static Path tmp;

    /** A closed store whose newest log holds the body writes of {@link #blocks}, one batch each. */
    private static Path pristine;
    private static List<Block> blocks;
    private static byte[] log;
    private static String logName;
    /** The end offset of each complete record of the log, in order: the metadata, one per block, close's sync. */
    private static List<Long> recordEnds;

    @BeforeAll
    static void writeStore() throws Exception {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        Random rnd = new Random(7);
        blocks = new ArrayList<>();
        Block parent = bb.genesis();
        for (int h = 1; h <= BLOCKS; h++) {
            // sizes from a few bytes to several 32 KiB log blocks, so records are whole or fragmented
            byte[] data = new byte[h % 3 == 0 ? 100_000 + rnd.nextInt(50_000) : rnd.nextInt(20_000)];
            rnd.nextBytes(data);
            data[0] = 0x6a; // OP_RETURN
            parent = bb.next(parent, 600, List.of(), 0, Script.of(data));
            blocks.add(parent);
        }
        pristine = tmp.resolve("pristine");
        try (ChainStore store = ChainStore.open(pristine, PARAMS)) {
            int height = 0;
            for (Block b : blocks) {
                store.putBlock(b, new IndexRecord(b.header(), ++height, BigInteger.ONE, BlockStatus.HAVE_DATA));
            }
        }
        Path newest = TornLogTail.filesThatMayBeTorn(pristine).get(0);
        logName = newest.getFileName().toString();
        log = Files.readAllBytes(newest);
        recordEnds = recordEnds(log);
        assertEquals(BLOCKS + 2, recordEnds.size(), "records: the metadata, one per block, close's empty sync");
        assertTrue(TornLogTail.scan(log).clean());
    }

    /** Where each logical record ends, found by walking the fragments. */
    private static List<Long> recordEnds(byte[] log) {
        List<Long> ends = new ArrayList<>();
        for (int blockStart = 0; blockStart < log.length; blockStart += TornLogTail.BLOCK_SIZE) {
            int off = blockStart;
            int blockEnd = Math.min(blockStart + TornLogTail.BLOCK_SIZE, log.length);
            while (blockEnd - off >= TornLogTail.HEADER_SIZE) {
                int length = (log[off + 4] & 0xff) | (log[off + 5] & 0xff) << 8;
                int type = log[off + 6];
                if (type == 0) {
                    break;
                }
                off += TornLogTail.HEADER_SIZE + length;
                if (type == 1 || type == 4) {
                    ends.add((long) off);
                }
            }
        }
        return ends;
    }

    /** Every fragment start of the last three records, a few bytes either side, and a sample of payload offsets. */
    private static TreeSet<Integer> cutPoints() {
        TreeSet<Integer> cuts = new TreeSet<>();
        long from = recordEnds.get(recordEnds.size() - 4);
        for (long b = from - from % TornLogTail.BLOCK_SIZE; b < log.length; b += TornLogTail.BLOCK_SIZE) {
            for (int d = -3; d <= 9; d++) {
                cuts.add((int) Math.max(from, Math.min(log.length, b + d)));
            }
        }
        for (long end : recordEnds.subList(recordEnds.size() - 4, recordEnds.size())) {
            for (int d = -8; d <= 8; d++) {
                cuts.add((int) Math.max(from, Math.min(log.length, end + d)));
            }
        }
        Random rnd = new Random(11);
        for (int i = 0; i < 40; i++) {
            cuts.add((int) (from + rnd.nextInt((int) (log.length - from))));
        }
        return cuts;
    }

    private static Path copyWithLog(String name, byte[] newLog) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(pristine)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.write(dir.resolve(logName), newLog);
        return dir;
    }

    /** The log as a kill at {@code cut} leaves it: what was copied so far, then the mapping's zeros. */
    private static byte[] tornAt(int cut, boolean zeroPadded) {
        int size = zeroPadded ? (cut / 65_536 + 1) * 65_536 : cut;
        byte[] torn = new byte[size];
        System.arraycopy(log, 0, torn, 0, cut);
        return torn;
    }

    @Test
    void aStoreKilledInTheMiddleOfAnyAppendReopensWithEveryCompletedWrite() throws Exception {
        int tornShapes = 0;
        for (int cut : cutPoints()) {
            for (boolean padded : new boolean[] {true, false}) {
                byte[] torn = tornAt(cut, padded);
                if (!TornLogTail.scan(torn).clean()) {
                    tornShapes++;
                }
                Path dir = copyWithLog("cut-" + cut + (padded ? "-padded" : ""), torn);
                int complete = Math.min(BLOCKS, (int) recordEnds.stream().filter(end -> end <= cut).count() - 1);
                try (ChainStore store = ChainStore.open(dir, PARAMS)) {
                    for (int i = 0; i < BLOCKS; i++) {
                        Block stored = store.block(blocks.get(i).hash());
                        if (i < complete) {
                            assertNotNull(stored, "cut at " + cut + ": block " + i + " completed before it");
                            assertArrayEquals(blocks.get(i).serialize(), stored.serialize());
                        } else {
                            assertNull(stored, "cut at " + cut + ": block " + i + " was torn or never written");
                        }
                    }
                } catch (StoreException e) {
                    throw new AssertionError("cut at " + cut + (padded ? " (zero-padded)" : "") + ": " + e.getMessage(), e);
                }
            }
        }
        assertTrue(tornShapes > 100, "most cuts leave a torn record (" + tornShapes + ")");
    }

    @Test
    void aTornManifestAppendIsCutToo() throws Exception {
        Path dir = copyWithLog("torn-manifest", log);
        Path manifest = TornLogTail.filesThatMayBeTorn(dir).get(1);
        byte[] m = Files.readAllBytes(manifest);
        // the start of a copy of the manifest's first record (a whole version edit), then zeros
        int firstLength = (m[4] & 0xff) | (m[5] & 0xff) << 8;
        byte[] torn = new byte[m.length + TornLogTail.HEADER_SIZE + firstLength];
        System.arraycopy(m, 0, torn, 0, m.length);
        System.arraycopy(m, 0, torn, m.length, TornLogTail.HEADER_SIZE + firstLength / 2);
        Files.write(manifest, torn);
        assertTrue(TornLogTail.scan(torn).tornTail());
        try (ChainStore store = ChainStore.open(dir, PARAMS)) {
            assertNotNull(store.block(blocks.get(BLOCKS - 1).hash()));
        }
    }

    @Test
    void damageToAnEarlierRecordIsRefusedAndLeftAsItWas() throws Exception {
        byte[] damaged = log.clone();
        int inSecondBlock = (int) (recordEnds.get(1) + TornLogTail.HEADER_SIZE + 20); // payload of block 1's record
        damaged[inSecondBlock] ^= 0x40;
        TornLogTail.Scan scan = TornLogTail.scan(damaged);
        assertFalse(scan.clean());
        assertFalse(scan.tornTail(), "later records are intact: not a torn tail");
        Path dir = copyWithLog("damaged", damaged);
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("not a log torn by a crash"),
                e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(dir.resolve(logName)), "the damaged log is left as it was");
    }

    @Test
    void aCleanLogScansClean() {
        TornLogTail.Scan scan = TornLogTail.scan(log);
        assertTrue(scan.clean());
        assertEquals(recordEnds.get(recordEnds.size() - 1), scan.completeEnd());
        assertTrue(TornLogTail.scan(tornAt(log.length, true)).clean(), "zero preallocation after the end is clean");
    }
}
