package org.nakamoto.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/** The best header is chain state: updated as headers are accepted, recalculated when it fails. */
class BestHeaderTest {
    private static final NetworkParams REGTEST = TestNetworks.regtest();

    @TempDir
    Path tmp;

    private static List<BlockHeader> headers(List<Block> blocks) {
        List<BlockHeader> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add(b.header());
        }
        return out;
    }

    @Test
    void headersAheadOfTheTipMoveTheBestHeaderAndFailuresMoveItBack() throws Exception {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> a = bb.chain(bb.genesis(), 5, 600);
        List<Block> b = bb.chain(a.get(1), 8, 601); // heights 3..10
        try (TestChain n = new TestChain(tmp.resolve("n"), REGTEST, TestVerifiers.real())) {
            assertSame(n.chain.tip(), n.chain.bestHeader(), "a fresh chain: the best header is genesis");
            n.acceptAll(a);
            assertSame(n.chain.tip(), n.chain.bestHeader());
            n.chain.acceptHeaders(headers(b));
            assertEquals(b.get(7).hash(), n.chain.bestHeader().hash(), "headers alone move it");
            assertEquals(a.get(4).hash(), n.tip(), "the bodies have not arrived: the tip stays");

            // A shorter header branch does not replace it.
            List<Block> c = bb.chain(a.get(4), 1, 602); // height 6
            n.chain.acceptHeaders(headers(c));
            assertEquals(b.get(7).hash(), n.chain.bestHeader().hash());

            // Invalidating the best branch falls back to the best remaining valid header.
            n.chain.invalidateBlock(b.get(3).hash());
            assertEquals(c.get(0).hash(), n.chain.bestHeader().hash());
            n.chain.reconsiderBlock(b.get(3).hash());
            assertEquals(b.get(7).hash(), n.chain.bestHeader().hash());
        }
        // Reopening recalculates it from the stored index.
        try (TestChain n = new TestChain(tmp.resolve("n"), REGTEST, TestVerifiers.real())) {
            assertEquals(b.get(7).hash(), n.chain.bestHeader().hash());
        }
    }
}
