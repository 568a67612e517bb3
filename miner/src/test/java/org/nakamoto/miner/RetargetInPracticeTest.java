package org.nakamoto.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/**
 * The retarget rule seen through a real miner on an injected clock. A simulated hash rate turns the
 * nonces the kernel actually tried into elapsed seconds, so the run is deterministic: blocks come far
 * too fast at first, difficulty climbs (4x per period at the clamp) until blocks come about every
 * target spacing; then the hash rate falls 100-fold and difficulty drops, 4x per period at the clamp.
 */
class RetargetInPracticeTest {
    private static final int INTERVAL = 20;
    private static final long SPACING = 10;

    @TempDir
    Path tmp;

    /** Mines one block searching nonces from 0 on one kernel; returns hashes tried. */
    private static long mineOne(TestChain n, TemplateBuilder tb, List<Block> out) throws Exception {
        BlockTemplate t = tb.build(BlockBuilder.OP_TRUE);
        Target target = Target.of(t.target());
        NonceKernel kernel = NonceKernels.best();
        long tried = 0;
        for (long extraNonce = 0; ; extraNonce++) {
            kernel.load(t.header(extraNonce).serialize());
            long nonce = kernel.search(0, 1L << 32, target);
            if (nonce != NonceKernel.NOT_FOUND) {
                tried += nonce + 1;
                Block b = t.block(extraNonce, nonce);
                n.chain.acceptBlock(b); // the normal validation path: bits, time and proof of work checked
                out.add(b);
                return tried;
            }
            tried += 1L << 32;
        }
    }

    @Test
    void difficultyFollowsTheHashRateSoBlocksApproachTheTargetSpacing() throws Exception {
        NetworkParams p = TestNetworks.retargeting(INTERVAL, SPACING);
        try (TestChain n = new TestChain(tmp.resolve("r"), p, TestVerifiers.real())) {
            double[] clock = {p.genesis().header().time()};
            TemplateBuilder tb = new TemplateBuilder(n.chain.view(), TxSource.EMPTY, () -> (long) clock[0]);
            List<Block> blocks = new ArrayList<>();
            double hashRate = 2_000; // hashes per simulated second: the limit target gives ~0.5 s blocks
            int periods = 10;
            // Period p is heights p*20 .. p*20+19 (period 0 starts at height 1): one set of bits each.
            for (int height = 1; height < periods * INTERVAL; height++) {
                if (height == 7 * INTERVAL) {
                    hashRate /= 100; // most miners leave
                }
                long tried = mineOne(n, tb, blocks);
                clock[0] += tried / hashRate;
            }
            List<Long> bits = new ArrayList<>();
            List<Double> meanInterval = new ArrayList<>();
            for (int period = 0; period < periods; period++) {
                int from = Math.max(1, period * INTERVAL);
                int to = period * INTERVAL + INTERVAL - 1;
                Block first = blocks.get(from - 1);
                Block last = blocks.get(to - 1);
                bits.add(first.header().bits());
                meanInterval.add((last.header().time() - first.header().time()) / (double) (to - from));
                for (int h = from; h <= to; h++) {
                    assertEquals(first.header().bits(), blocks.get(h - 1).header().bits(), "bits only change at a retarget");
                }
            }
            System.out.println("bits per period: " + bits.stream().map(Long::toHexString).toList());
            System.out.println("mean block interval per period (s): " + meanInterval);

            // Periods 0..2 mine far below the target spacing, so each retarget hits the 4x clamp: target / 4.
            for (int period = 1; period <= 2; period++) {
                BigInteger before = target(bits.get(period - 1));
                BigInteger after = target(bits.get(period));
                assertTrue(after.multiply(BigInteger.valueOf(4)).subtract(before).abs()
                        .compareTo(before.shiftRight(14)) < 0, "period " + period + " is exactly 4x harder (compact rounding aside)");
            }
            // With the full hash rate, periods 4..6 settle near the 10 s target spacing.
            double settled = (meanInterval.get(4) + meanInterval.get(5) + meanInterval.get(6)) / 3;
            assertTrue(Math.abs(settled - SPACING) / SPACING < 0.35, "settled mean interval " + settled + " s");
            // After the hash rate falls 100-fold, blocks are slow and the next retarget hits the other clamp.
            BigInteger slowBefore = target(bits.get(7));
            BigInteger slowAfter = target(bits.get(8));
            assertTrue(meanInterval.get(7) > 4 * SPACING, "blocks became slow: " + meanInterval.get(7));
            assertTrue(slowAfter.subtract(slowBefore.multiply(BigInteger.valueOf(4))).abs()
                    .compareTo(slowBefore.shiftRight(12)) < 0, "4x easier at the clamp");
            assertTrue(target(bits.get(9)).compareTo(slowAfter) > 0, "and easier again");
        }
    }

    private static BigInteger target(long bits) {
        return CompactTarget.decode(bits).value();
    }
}
