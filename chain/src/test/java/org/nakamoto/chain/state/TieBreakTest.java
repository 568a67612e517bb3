package org.nakamoto.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.TieBreak;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/**
 * The two tie-break rules between tips of equal work, each on the shipped network that uses it: Bitcoin
 * regtest keeps the block seen first (as every Bitcoin Core node does), the local testnet takes the lower
 * hash (so nodes holding the same blocks agree whatever order they saw them in).
 */
class TieBreakTest {
    @TempDir
    Path tmp;

    @Test
    void theShippedFilesChooseTheirRules() {
        assertEquals(TieBreak.FIRST_SEEN, TestNetworks.regtest().tieBreak());
        assertEquals(TieBreak.FIRST_SEEN, org.nakamoto.chain.params.ParamsLoader.builtIn("mainnet").tieBreak());
        assertEquals(TieBreak.LOWEST_HASH, TestNetworks.localTestnet().tieBreak());
    }

    @Test
    void twoBitcoinRegtestNodesSeeingEqualTipsInOppositeOrdersEachKeepTheirFirst() {
        NetworkParams p = TestNetworks.regtest();
        BlockBuilder bb = new BlockBuilder(p);
        Block x = bb.next(bb.genesis());
        Block y = bb.next(bb.genesis());
        try (TestChain a = new TestChain(tmp.resolve("a"), p, TestVerifiers.real());
                TestChain b = new TestChain(tmp.resolve("b"), p, TestVerifiers.real())) {
            a.accept(x);
            a.accept(y);
            b.accept(y);
            b.accept(x);
            assertEquals(x.hash(), a.tip());
            assertEquals(y.hash(), b.tip());
            // More work settles it for both.
            Block z = bb.next(y);
            a.accept(z);
            b.accept(z);
            assertEquals(z.hash(), a.tip());
            assertEquals(z.hash(), b.tip());
        }
    }

    @Test
    void aRestartedFirstSeenNodeKeepsItsStoredTip() {
        NetworkParams p = TestNetworks.regtest();
        BlockBuilder bb = new BlockBuilder(p);
        Block x = bb.next(bb.genesis());
        Block y = bb.next(bb.genesis());
        // Seen second, the lower hash would win under lowest-hash; first-seen keeps the first across restarts.
        Block first = x.hash().compareTo(y.hash()) > 0 ? x : y;
        Block second = first == x ? y : x;
        Path dir = tmp.resolve("r");
        try (TestChain n = new TestChain(dir, p, TestVerifiers.real())) {
            n.accept(first);
            n.accept(second);
            assertEquals(first.hash(), n.tip());
        }
        try (TestChain n = new TestChain(dir, p, TestVerifiers.real())) {
            assertEquals(first.hash(), n.tip(), "the stored active chain ranks first at equal work (Core's id 0)");
        }
    }

    @Test
    void aBlockWhoseHeaderCameFirstRanksByWhenItsDataCame() throws Exception {
        NetworkParams p = TestNetworks.regtest();
        BlockBuilder bb = new BlockBuilder(p);
        Block x = bb.next(bb.genesis());
        Block y = bb.next(bb.genesis());
        try (TestChain n = new TestChain(tmp.resolve("h"), p, TestVerifiers.real())) {
            n.chain.acceptHeader(x.header()); // announced, withheld
            n.accept(y);
            n.accept(x);
            assertEquals(y.hash(), n.tip(), "a header alone earns no place in a tie (Core assigns ids with the data)");
        }
    }

    @Test
    void twoLocalTestnetNodesEndOnTheSameTip() {
        NetworkParams p = TestNetworks.localTestnet();
        BlockBuilder bb = new BlockBuilder(p); // mines to the testnet's own bits: about a second a block
        Block x = bb.next(bb.genesis());
        Block y = bb.next(bb.genesis());
        assertNotEquals(x.hash(), y.hash());
        Hash256 lower = x.hash().compareTo(y.hash()) < 0 ? x.hash() : y.hash();
        try (TestChain a = new TestChain(tmp.resolve("ta"), p, TestVerifiers.real());
                TestChain b = new TestChain(tmp.resolve("tb"), p, TestVerifiers.real())) {
            a.accept(x);
            a.accept(y);
            b.accept(y);
            b.accept(x);
            assertEquals(lower, a.tip());
            assertEquals(lower, b.tip());
        }
    }
}
