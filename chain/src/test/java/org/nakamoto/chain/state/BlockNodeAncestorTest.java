package org.nakamoto.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

/** Skip pointers: {@link BlockNode#ancestor(int)} must agree with walking parents, in O(log n) steps. */
class BlockNodeAncestorTest {
    private static final int LENGTH = 50_000;

    /** A tree of nodes: a long trunk and forks of random length off random points, also off other forks. */
    private static List<BlockNode> tree(Random rnd) {
        List<BlockNode> all = new ArrayList<>();
        BlockNode genesis = node(null, 0);
        all.add(genesis);
        BlockNode tip = genesis;
        for (int i = 1; i < LENGTH; i++) {
            tip = node(tip, i);
            all.add(tip);
        }
        for (int f = 0; f < 200; f++) {
            BlockNode from = all.get(rnd.nextInt(all.size()));
            int len = 1 + rnd.nextInt(f % 10 == 0 ? 5_000 : 50);
            for (int i = 0; i < len; i++) {
                from = node(from, 1_000_000 + f * 10_000 + i);
                all.add(from);
            }
        }
        return all;
    }

    private static BlockNode node(BlockNode parent, int salt) {
        Hash256 prev = parent == null ? Hash256.ZERO : parent.hash();
        BlockHeader h = new BlockHeader(1, prev, Hash256.ZERO, salt, 0x207fffffL, salt);
        int height = parent == null ? 0 : parent.height() + 1;
        return new BlockNode(h, height, BigInteger.valueOf(height + 1), parent, 0);
    }

    private static BlockNode linear(BlockNode n, int h) {
        while (n.height() > h) {
            n = n.parent();
        }
        return n;
    }

    @Test
    void ancestorAgreesWithTheParentWalkOnEveryBranch() {
        Random rnd = new Random(12);
        List<BlockNode> all = tree(rnd);
        for (int i = 0; i < 20_000; i++) {
            BlockNode n = all.get(rnd.nextInt(all.size()));
            int h = rnd.nextInt(n.height() + 1);
            assertSame(linear(n, h), n.ancestor(h), () -> n + " at " + h);
        }
        for (BlockNode n : all.subList(all.size() - 500, all.size())) {
            for (int h : new int[] {0, 1, n.height() / 2, n.height() - 1, n.height()}) {
                if (h >= 0) {
                    assertSame(linear(n, h), n.ancestor(h), () -> n + " at " + h);
                }
            }
        }
    }

    @Test
    void everySkipLinkPointsToTheAncestorAtItsSkipHeight() {
        List<BlockNode> all = tree(new Random(7));
        for (BlockNode n : all) {
            if (n.height() > 0) {
                int sh = BlockNode.skipHeight(n.height());
                assertTrue(sh < n.height());
                assertSame(linear(n, sh), n.ancestor(sh));
            }
        }
    }

    @Test
    void ancestorTakesLogarithmicallyManySteps() {
        List<BlockNode> all = tree(new Random(3));
        BlockNode tip = all.get(LENGTH - 1);
        int maxSteps = 0;
        for (int h = 0; h <= tip.height(); h++) {
            int[] steps = new int[1];
            tip.ancestor(h, steps);
            maxSteps = Math.max(maxSteps, steps[0]);
        }
        // Core documents "at most ~110 steps" for 2^18 blocks, about 6 per bit of height; log2(50 000)
        // is under 16, so 7 per bit is 112 steps, where the parent walk would take up to 49 999.
        int bound = 7 * (32 - Integer.numberOfLeadingZeros(LENGTH));
        assertTrue(maxSteps <= bound, "max steps " + maxSteps + " > " + bound);
        int[] fromTop = new int[1];
        tip.ancestor(0, fromTop);
        assertTrue(fromTop[0] <= bound, "to genesis " + fromTop[0]);
    }

    @Test
    void outOfRangeHeightsAreRejected() {
        BlockNode g = node(null, 0);
        BlockNode one = node(g, 1);
        assertThrows(IllegalArgumentException.class, () -> one.ancestor(2));
        assertThrows(IllegalArgumentException.class, () -> one.ancestor(-1));
        assertSame(one, one.ancestor(1));
        assertSame(g, one.ancestor(0));
        assertEquals(0, BlockNode.skipHeight(1));
    }
}
