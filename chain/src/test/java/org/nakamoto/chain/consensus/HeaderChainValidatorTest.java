package org.nakamoto.chain.consensus;

import org.nakamoto.chain.testing.TestMiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;

/**
 * The header rules on a small mined chain under regtest-style params, where a test can mine a header
 * whose only fault is the one under test: the context rules are then reached in a full run.
 */
class HeaderChainValidatorTest {
    private static final NetworkParams REGTEST = TestParams.regtestLike();
    private static final long EASY_BITS = 0x207fffffL;
    private static final long START = 1_700_000_000L;
    private static final int BASE_HEIGHT = 1_000;
    private static final BlockHeader ANCHOR = TestMiner.mine(
            new BlockHeader(4, Hash256.ZERO, Hash256.ZERO, START, EASY_BITS, 0));
    private static final ChainedHeader CHECKPOINT = new ChainedHeader(ANCHOR, BASE_HEIGHT, BigInteger.TEN);

    private static final HeaderRunValidator RUN = new HeaderRunValidator(new HeaderChainValidator(REGTEST, () -> START + 86_400));

    private static BlockHeader child(BlockHeader parent, long time, long bits) {
        return TestMiner.mine(new BlockHeader(4, parent.hash(), Hash256.ZERO, time, bits, 0));
    }

    /** {@code n} headers after the anchor, 600 s apart. */
    private static List<BlockHeader> chain(int n) {
        List<BlockHeader> out = new ArrayList<>();
        BlockHeader prev = ANCHOR;
        for (int i = 1; i <= n; i++) {
            prev = child(prev, START + 600L * i, EASY_BITS);
            out.add(prev);
        }
        return out;
    }

    private static RejectReason firstFailure(HeaderRunResult r, int height) {
        HeaderRejection rejection = r.rejection().orElseThrow();
        assertEquals(height, rejection.height());
        assertEquals(height - 1, r.tip().height());
        return rejection.reason();
    }

    @Test
    void minedChainIsValidAndAddsItsWork() {
        HeaderRunResult r = RUN.fromCheckpoint(CHECKPOINT, chain(20));
        assertTrue(r.isValid());
        assertEquals(BASE_HEIGHT + 20, r.tip().height());
        // Each 0x207fffff block is worth 2^256 / 2^255 = 2 hashes.
        assertEquals(BigInteger.valueOf(10 + 20 * 2), r.tip().chainWork());
    }

    @Test
    void timeNotAfterTheMedianIsTooOld() {
        List<BlockHeader> run = chain(15);
        // The median of the 11 blocks ending at height 1010 (times START+0..6000 step 600) is START+3000.
        BlockHeader stale = child(run.get(9), START + 3000, EASY_BITS);
        List<BlockHeader> bad = new ArrayList<>(run.subList(0, 10));
        bad.add(stale);
        assertEquals(RejectReason.TIME_TOO_OLD, firstFailure(RUN.fromCheckpoint(CHECKPOINT, bad), BASE_HEIGHT + 11));

        bad.set(10, child(run.get(9), START + 3001, EASY_BITS));
        assertTrue(RUN.fromCheckpoint(CHECKPOINT, bad).isValid());
    }

    @Test
    void nearTheCheckpointTheMedianUsesFewerBlocks() {
        // One block of history: the median is the checkpoint's own time, so an equal time is too old...
        List<BlockHeader> bad = List.of(child(ANCHOR, START, EASY_BITS));
        assertEquals(RejectReason.TIME_TOO_OLD, firstFailure(RUN.fromCheckpoint(CHECKPOINT, bad), BASE_HEIGHT + 1));
        // ...and a block may go back in time as long as it stays above the median of what there is.
        BlockHeader a = child(ANCHOR, START + 600, EASY_BITS);
        BlockHeader b = child(a, START + 1200, EASY_BITS);
        BlockHeader c = child(b, START + 601, EASY_BITS);
        assertTrue(RUN.fromCheckpoint(CHECKPOINT, List.of(a, b, c)).isValid());
        BlockHeader d = child(b, START + 600, EASY_BITS);
        assertEquals(RejectReason.TIME_TOO_OLD, firstFailure(RUN.fromCheckpoint(CHECKPOINT, List.of(a, b, d)), BASE_HEIGHT + 3));
    }

    @Test
    void futureTimeIsTooNew() {
        List<BlockHeader> run = new ArrayList<>(chain(3));
        long now = START + 86_400;
        run.add(child(run.get(2), now + HeaderChainValidator.MAX_FUTURE_BLOCK_TIME, EASY_BITS));
        assertTrue(RUN.fromCheckpoint(CHECKPOINT, run).isValid());
        run.set(3, child(run.get(2), now + HeaderChainValidator.MAX_FUTURE_BLOCK_TIME + 1, EASY_BITS));
        assertEquals(RejectReason.TIME_TOO_NEW, firstFailure(RUN.fromCheckpoint(CHECKPOINT, run), BASE_HEIGHT + 4));
    }

    @Test
    void withoutRetargetingBitsNeverChange() {
        List<BlockHeader> run = new ArrayList<>(chain(3));
        // Harder than required is still wrong: the bits must be exactly the previous block's.
        run.add(child(run.get(2), START + 2400, 0x2000ffffL));
        assertEquals(RejectReason.BAD_DIFFBITS, firstFailure(RUN.fromCheckpoint(CHECKPOINT, run), BASE_HEIGHT + 4));
    }

    @Test
    void headerOnAnotherParentIsAMismatch() {
        List<BlockHeader> run = new ArrayList<>(chain(3));
        run.set(2, child(run.get(0), START + 1800, EASY_BITS));
        assertEquals(RejectReason.PREV_BLOCK_MISMATCH, firstFailure(RUN.fromCheckpoint(CHECKPOINT, run), BASE_HEIGHT + 3));
    }

    @Test
    void ancestryAnswersOnlyWithinItsRange() {
        List<BlockHeader> run = chain(3);
        HeaderListAncestry below = HeaderListAncestry.of(BASE_HEIGHT, List.of(ANCHOR, run.get(0)));
        HeaderListAncestry stacked = HeaderListAncestry.on(below, run.subList(1, 3));
        assertEquals(BASE_HEIGHT + 3, stacked.height());
        assertEquals(BASE_HEIGHT, stacked.earliestHeight());
        assertEquals(ANCHOR, stacked.headerAt(BASE_HEIGHT));
        assertEquals(run.get(2), stacked.last());
        assertEquals(run.get(1), stacked.upTo(BASE_HEIGHT + 2).last());
        assertThrows(IllegalArgumentException.class, () -> stacked.headerAt(BASE_HEIGHT - 1));
        assertThrows(IllegalArgumentException.class, () -> stacked.upTo(BASE_HEIGHT + 2).headerAt(BASE_HEIGHT + 3));
        assertThrows(IllegalArgumentException.class, () -> stacked.upTo(BASE_HEIGHT + 4));
    }
}
