package org.nakamoto.chain.consensus;

import org.nakamoto.chain.testing.TestMiner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.chain.consensus.MainnetHeaders.FIRST_HEIGHT;
import static org.nakamoto.chain.consensus.MainnetHeaders.LAST_HEIGHT;
import static org.nakamoto.chain.consensus.MainnetHeaders.RETARGET_HEIGHTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;

/** Real Bitcoin headers 822528..830592 under mainnet params, from the first as a trusted checkpoint. */
class MainnetHeaderChainTest {
    private static final NetworkParams MAINNET = TestParams.mainnetLike();
    private static final long NOW = MainnetHeaders.latestTime();
    private static final int MIDDLE = 825_000;

    private static HeaderRunValidator runValidator(NetworkParams params, long now) {
        return new HeaderRunValidator(new HeaderChainValidator(params, () -> now));
    }

    private static HeaderRunResult validate(NetworkParams params, List<BlockHeader> run) {
        return runValidator(params, NOW).fromCheckpoint(MainnetHeaders.checkpoint(), run);
    }

    /** The run with the header at {@code height} replaced. */
    private static List<BlockHeader> mutated(int height, UnaryOperator<BlockHeader> change) {
        List<BlockHeader> run = new ArrayList<>(MainnetHeaders.run());
        int i = height - FIRST_HEIGHT - 1;
        run.set(i, change.apply(run.get(i)));
        return run;
    }

    private static void assertRejectedAt(HeaderRunResult result, int height, RejectReason reason) {
        HeaderRejection rejection = result.rejection().orElseThrow(() -> new AssertionError("run was accepted"));
        assertEquals(reason, rejection.reason(), rejection.error().getMessage());
        assertEquals(height, rejection.height());
        // Everything before the bad header was kept.
        assertEquals(height - 1, result.tip().height());
        assertEquals(height - FIRST_HEIGHT - 1, result.accepted().size());
    }

    @Test
    void theFileIsWhatItClaims() {
        assertEquals(LAST_HEIGHT - FIRST_HEIGHT + 1, MainnetHeaders.HEADERS.size());
        assertEquals(8_065, MainnetHeaders.HEADERS.size());
        assertEquals(0, FIRST_HEIGHT % MAINNET.retargetInterval());
    }

    @Test
    void wholeRunIsValidAndLandsOnCoresChainWork() {
        ChainedHeader checkpoint = MainnetHeaders.checkpoint();
        assertEquals(MainnetHeaders.chainWork(FIRST_HEIGHT), checkpoint.chainWork());

        HeaderRunResult result = validate(MAINNET, MainnetHeaders.run());

        assertTrue(result.isValid(), () -> result.rejection().orElseThrow().error().getMessage());
        assertEquals(8_064, result.accepted().size());
        ChainedHeader tip = result.tip();
        assertEquals(LAST_HEIGHT, tip.height());
        assertEquals(MainnetHeaders.tipHash(), tip.header().hash());
        assertEquals(MainnetHeaders.chainWork(LAST_HEIGHT), tip.chainWork());
        ChainedHeader beforeTip = result.accepted().get(result.accepted().size() - 2);
        assertEquals(LAST_HEIGHT - 1, beforeTip.height());
        assertEquals(MainnetHeaders.chainWork(LAST_HEIGHT - 1), beforeTip.chainWork());
    }

    @Test
    void bitsChangeExactlyAtTheFourRetargetsToTheComputedValue() {
        List<Integer> changes = new ArrayList<>();
        for (int h = FIRST_HEIGHT + 1; h <= LAST_HEIGHT; h++) {
            if (MainnetHeaders.at(h).bits() != MainnetHeaders.at(h - 1).bits()) {
                changes.add(h);
            }
        }
        assertEquals(List.of(824_544, 826_560, 828_576, 830_592), changes);

        for (int height : RETARGET_HEIGHTS) {
            BlockHeader last = MainnetHeaders.at(height - 1);
            BlockHeader first = MainnetHeaders.at(height - MAINNET.retargetInterval());
            long actual = MainnetHeaders.at(height).bits();
            assertNotEquals(last.bits(), actual);
            assertEquals(actual, Retarget.nextWorkRequired(MAINNET, MainnetHeaders.branchTo(height - 1)), "height " + height);
            assertEquals(actual, Retarget.calculateNextBits(MAINNET, last.bits(), first.time(), last.time()), "height " + height);
        }
    }

    @Test
    void aRunCanContinueOnTopOfAnEarlierOne() {
        HeaderRunValidator validator = runValidator(MAINNET, NOW);
        List<BlockHeader> all = MainnetHeaders.run();
        int split = MIDDLE - FIRST_HEIGHT;
        HeaderRunResult first = validator.fromCheckpoint(MainnetHeaders.checkpoint(), all.subList(0, split));
        assertTrue(first.isValid());

        HeaderRunResult second = validator.extend(MainnetHeaders.branchTo(MIDDLE), first.tip().chainWork(),
                all.subList(split, all.size()));

        assertTrue(second.isValid(), () -> second.rejection().orElseThrow().error().getMessage());
        assertEquals(MainnetHeaders.tipHash(), second.tip().header().hash());
        assertEquals(MainnetHeaders.chainWork(LAST_HEIGHT), second.tip().chainWork());
    }

    @Test
    void changedNonceIsHighHashAtThatHeight() {
        assertRejectedAt(validate(MAINNET, mutated(MIDDLE, h -> h.withNonce(h.nonce() ^ 1))), MIDDLE, RejectReason.HIGH_HASH);
    }

    @Test
    void changedBitsOnARealHeaderIsHighHashAsInCore() {
        // Core runs CheckBlockHeader (proof of work against the claimed bits) before the bits rule, and a
        // changed field changes the hash: a real header with edited bits is high-hash, not bad-diffbits.
        assertRejectedAt(validate(MAINNET, mutated(MIDDLE, h -> h.withBits(0x17034219L))), MIDDLE, RejectReason.HIGH_HASH);
        // At a retarget, the classic mistake: carrying the old bits over.
        int retarget = RETARGET_HEIGHTS[1];
        long previous = MainnetHeaders.at(retarget - 1).bits();
        assertRejectedAt(validate(MAINNET, mutated(retarget, h -> h.withBits(previous))), retarget, RejectReason.HIGH_HASH);
    }

    @Test
    void wrongBitsWithValidWorkAreBadDiffbits() {
        // To reach the bits rule, the header needs valid work for the bits it claims. Only easy bits can
        // be mined in a test, so raise the cap to regtest's: the real chain's retargets never reach it,
        // and a header mined at 0x207fffff then differs from its chain in its bits alone.
        NetworkParams easyCap = TestParams.mainnetWithEasyPowLimit();
        assertTrue(validate(easyCap, MainnetHeaders.run()).isValid());

        for (int height : new int[] {MIDDLE, RETARGET_HEIGHTS[1]}) {
            List<BlockHeader> run = mutated(height, h -> TestMiner.mine(h.withBits(0x207fffffL)));
            assertRejectedAt(validate(easyCap, run), height, RejectReason.BAD_DIFFBITS);
            // Under mainnet's cap the same bits are refused for what they encode.
            assertRejectedAt(validate(MAINNET, run), height, RejectReason.BAD_BITS_ENCODING);
        }
    }

    @Test
    void droppedHeaderBreaksLinkage() {
        List<BlockHeader> run = new ArrayList<>(MainnetHeaders.run());
        run.remove(MIDDLE - FIRST_HEIGHT - 1);
        assertRejectedAt(validate(MAINNET, run), MIDDLE, RejectReason.PREV_BLOCK_MISMATCH);
    }

    @Test
    void timeAtOrBelowMedianTimePast() {
        HeaderListAncestry parent = MainnetHeaders.branchTo(MIDDLE - 1);
        long median = MedianTimePast.of(parent);
        HeaderChainValidator rules = new HeaderChainValidator(MAINNET, () -> NOW);

        // In a run the edited header fails its proof of work first, as in Core.
        assertRejectedAt(validate(MAINNET, mutated(MIDDLE, h -> h.withTime(median))), MIDDLE, RejectReason.HIGH_HASH);

        // The context rules alone (a miner's template check) see the time.
        BlockHeader atMedian = MainnetHeaders.at(MIDDLE).withTime(median);
        assertEquals(RejectReason.TIME_TOO_OLD,
                assertThrows(ValidationException.class, () -> rules.checkInContext(atMedian, parent)).reason());
        BlockHeader belowMedian = MainnetHeaders.at(MIDDLE).withTime(median - 600);
        assertEquals(RejectReason.TIME_TOO_OLD,
                assertThrows(ValidationException.class, () -> rules.checkInContext(belowMedian, parent)).reason());
        assertDoesNotThrow(() -> rules.checkInContext(MainnetHeaders.at(MIDDLE).withTime(median + 1), parent));
    }

    @Test
    void timeTooNewAgainstTheInjectedClock() {
        HeaderListAncestry parent = MainnetHeaders.branchTo(MIDDLE - 1);
        BlockHeader header = MainnetHeaders.at(MIDDLE);
        long limitNow = header.time() - HeaderChainValidator.MAX_FUTURE_BLOCK_TIME;

        assertDoesNotThrow(() -> new HeaderChainValidator(MAINNET, () -> limitNow).check(header, parent));
        ValidationException e = assertThrows(ValidationException.class,
                () -> new HeaderChainValidator(MAINNET, () -> limitNow - 1).check(header, parent));
        assertEquals(RejectReason.TIME_TOO_NEW, e.reason());
    }

    @Test
    void aRunStopsAtTheFirstHeaderFromTheFuture() {
        // With the clock at the checkpoint's time + 1 day, the first header more than 2h past that fails.
        long now = MainnetHeaders.at(FIRST_HEIGHT).time() + 86_400;
        int expected = FIRST_HEIGHT + 1;
        while (MainnetHeaders.at(expected).time() <= now + HeaderChainValidator.MAX_FUTURE_BLOCK_TIME) {
            expected++;
        }
        HeaderRunResult result = runValidator(MAINNET, now).fromCheckpoint(MainnetHeaders.checkpoint(), MainnetHeaders.run());
        assertRejectedAt(result, expected, RejectReason.TIME_TOO_NEW);
    }

    @Test
    void checkpointsInTheParams() {
        int height = 826_000;
        Hash256 real = MainnetHeaders.at(height).hash();
        Map<Integer, Hash256> agreeing = Map.of(height, real, LAST_HEIGHT, MainnetHeaders.tipHash());
        assertTrue(validate(TestParams.mainnetWithCheckpoints(agreeing), MainnetHeaders.run()).isValid());

        Hash256 other = MainnetHeaders.at(height + 1).hash();
        HeaderRunResult conflicting = validate(TestParams.mainnetWithCheckpoints(Map.of(height, other)), MainnetHeaders.run());
        assertRejectedAt(conflicting, height, RejectReason.CHECKPOINT_MISMATCH);
    }

    @Test
    void theTrustedCheckpointStillNeedsItsWorkAndMustAgreeWithTheParams() {
        ChainedHeader good = MainnetHeaders.checkpoint();
        ChainedHeader badWork = new ChainedHeader(good.header().withNonce(good.header().nonce() + 1), FIRST_HEIGHT, good.chainWork());
        HeaderRunResult r1 = runValidator(MAINNET, NOW).fromCheckpoint(badWork, MainnetHeaders.run());
        assertEquals(RejectReason.HIGH_HASH, r1.rejection().orElseThrow().reason());
        assertEquals(FIRST_HEIGHT, r1.rejection().orElseThrow().height());
        assertTrue(r1.accepted().isEmpty());

        NetworkParams conflicting = TestParams.mainnetWithCheckpoints(Map.of(FIRST_HEIGHT, MainnetHeaders.tipHash()));
        HeaderRunResult r2 = runValidator(conflicting, NOW).fromCheckpoint(good, MainnetHeaders.run());
        assertEquals(RejectReason.CHECKPOINT_MISMATCH, r2.rejection().orElseThrow().reason());
        assertEquals(FIRST_HEIGHT, r2.rejection().orElseThrow().height());
    }
}
