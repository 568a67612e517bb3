package org.nakamoto.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

class ForkChoiceTest {
    /** These tests pin down the lowest-hash rule (the local testnet's); {@code FirstSeenTest} has Bitcoin's. */
    private static final NetworkParams REGTEST = TestNetworks.lowestHash(TestNetworks.regtest());

    @TempDir
    Path tmp;

    private int dirs;

    private TestChain open(NetworkParams p) {
        return new TestChain(tmp.resolve("node" + dirs++), p, TestVerifiers.real());
    }

    @Test
    void aLongerBranchWinsWhateverArrivesFirst() {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> a = bb.chain(bb.genesis(), 3, 600);
        List<Block> b = bb.chain(bb.genesis(), 5, 601);
        try (TestChain n = open(REGTEST)) {
            n.acceptAll(a);
            assertEquals(a.get(2).hash(), n.tip());
            n.acceptAll(b);
            assertEquals(b.get(4).hash(), n.tip());
            assertEquals(5, n.height());
        }
        try (TestChain n = open(REGTEST)) {
            n.acceptAll(b);
            n.acceptAll(a);
            assertEquals(b.get(4).hash(), n.tip());
        }
    }

    @Test
    void aShorterBranchWithMoreWorkBeatsALongerOneWithLess() {
        // Retarget every 4 blocks: a fast first period makes the second period's blocks 4x harder.
        NetworkParams p = TestNetworks.retargeting(4, 2);
        BlockBuilder bb = new BlockBuilder(p);
        List<Block> light = bb.chain(bb.genesis(), 7, 10); // slow: difficulty stays at the limit
        List<Block> heavy = bb.chain(bb.genesis(), 5, 0);  // fast: heights 4 and 5 are 4x harder
        assertNotEquals(light.get(6).header().bits(), heavy.get(4).header().bits());
        try (TestChain n = open(p)) {
            n.acceptAll(light);
            n.acceptAll(heavy);
            BlockNode lightTip = n.chain.node(light.get(6).hash());
            BlockNode heavyTip = n.chain.node(heavy.get(4).hash());
            assertTrue(heavyTip.chainWork().compareTo(lightTip.chainWork()) > 0, "heavy branch has more work");
            assertTrue(heavyTip.height() < lightTip.height(), "and is shorter");
            assertEquals(heavyTip.hash(), n.tip());
        }
        try (TestChain n = open(p)) {
            n.acceptAll(heavy);
            n.acceptAll(light);
            assertEquals(heavy.get(4).hash(), n.tip());
        }
    }

    @Test
    void equalWorkGoesToTheLowerTipHashInEitherArrivalOrder() {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        Block x = bb.next(bb.genesis());
        Block y = bb.next(bb.genesis());
        Hash256 lower = x.hash().compareTo(y.hash()) < 0 ? x.hash() : y.hash();
        try (TestChain n = open(REGTEST)) {
            n.accept(x);
            n.accept(y);
            assertEquals(lower, n.tip());
        }
        try (TestChain n = open(REGTEST)) {
            n.accept(y);
            n.accept(x);
            assertEquals(lower, n.tip());
        }
    }

    @Test
    void anyDeliveryOrderEndsOnTheSameTipAndUtxoSet() {
        NetworkParams p = TestNetworks.lowestHash(TestNetworks.withMaturity(TestNetworks.retargeting(8, 10), 2));
        BlockBuilder bb = new BlockBuilder(p);
        Random rnd = new Random(7);
        List<Block> all = new ArrayList<>();
        List<Block> tips = new ArrayList<>(List.of(bb.genesis()));
        // A tree: each new block extends a random existing block, some spending a mature coinbase.
        for (int i = 0; i < 60; i++) {
            Block parent = tips.get(rnd.nextInt(tips.size()));
            List<Transaction> txs = new ArrayList<>();
            if (bb.height(parent) >= 3 && rnd.nextBoolean()) {
                Block coinbaseSource = ancestorOf(all, parent, bb, bb.height(parent) - 2);
                if (coinbaseSource != null) {
                    Transaction cb = coinbaseSource.transactions().get(0);
                    txs.add(BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 2, 1000));
                }
            }
            Block b = bb.next(parent, rnd.nextInt(25), txs, txs.isEmpty() ? 0 : 1000);
            all.add(b);
            tips.add(b);
        }
        Hash256 expectedTip = null;
        Hash256 expectedUtxo = null;
        for (int round = 0; round < 12; round++) {
            List<Block> order = new ArrayList<>(all);
            Collections.shuffle(order, new Random(round));
            try (TestChain n = open(p)) {
                for (Block b : order) {
                    n.accept(b);
                }
                assertEquals(0, n.chain.orphanCount(), "every orphan found its parent");
                if (expectedTip == null) {
                    expectedTip = n.tip();
                    expectedUtxo = n.utxoDigest();
                }
                assertEquals(expectedTip, n.tip(), "round " + round);
                assertEquals(expectedUtxo, n.utxoDigest(), "round " + round);
            }
        }
    }

    /** The block at {@code height} on {@code tip}'s branch, from the list (genesis excluded). */
    private static Block ancestorOf(List<Block> all, Block tip, BlockBuilder bb, int height) {
        Block b = tip;
        while (b != null && bb.height(b) > height) {
            Hash256 prev = b.header().prevHash();
            b = all.stream().filter(x -> x.hash().equals(prev)).findFirst().orElse(null);
        }
        return b != null && bb.height(b) == height && height > 0 ? b : null;
    }

    @Test
    void aReorganisationOfMoreThan100BlocksLeavesTheUtxoSetOfTheWinningChain() {
        NetworkParams p = TestNetworks.withMaturity(REGTEST, 10);
        BlockBuilder bb = new BlockBuilder(p);
        List<Block> losing = spendingChain(bb, 120, 600);
        List<Block> winning = spendingChain(bb, 125, 601);
        Hash256 scratchDigest;
        try (TestChain scratch = open(p)) {
            scratch.acceptAll(winning);
            scratchDigest = scratch.utxoDigest();
        }
        try (TestChain n = open(p)) {
            List<Boolean> reorgs = new ArrayList<>();
            n.chain.events().subscribe(new ChainListener() {
                @Override
                public void tipChanged(BlockNode tip, boolean reorganised) {
                    reorgs.add(reorganised);
                }
            });
            n.acceptAll(losing);
            assertEquals(losing.get(119).hash(), n.tip());
            n.acceptAll(winning);
            assertEquals(winning.get(124).hash(), n.tip());
            assertTrue(reorgs.contains(true), "a reorganisation happened");
            assertEquals(scratchDigest, n.utxoDigest(), "UTXO set equals a from-scratch build of the winner");
            // and back again: the old branch grows heavier
            List<Block> more = bb.chain(losing.get(119), 10, 600);
            n.acceptAll(more);
            assertEquals(more.get(9).hash(), n.tip());
        }
    }

    /** A chain whose blocks, once coinbases mature, each spend the coinbase of 10 blocks earlier. */
    private static List<Block> spendingChain(BlockBuilder bb, int length, long spacing) {
        List<Block> out = new ArrayList<>();
        Block parent = bb.genesis();
        for (int h = 1; h <= length; h++) {
            List<Transaction> txs = new ArrayList<>();
            long fee = 0;
            if (h > 10) {
                Transaction cb = out.get(h - 11).transactions().get(0);
                txs.add(BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 3, 500));
                fee = 500;
            }
            parent = bb.next(parent, spacing, txs, fee);
            out.add(parent);
        }
        return out;
    }

    @Test
    void anInvalidBlockIsRejectedAndItsDescendantsWithIt() throws Exception {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> main = bb.chain(bb.genesis(), 2, 600);
        Block good = bb.next(bb.genesis(), 700, List.of(), 0);
        Block good2 = bb.next(good, 700, List.of(), 0);
        // The coinbase claims one satoshi too much; it would make its branch the heaviest.
        Block greedy = bb.next(good2, 600, List.of(), 1);
        Block child = bb.next(greedy, 600, List.of(), 0);
        Block grandchild = bb.next(child, 600, List.of(), 0);
        try (TestChain n = open(REGTEST)) {
            n.acceptAll(main);
            n.accept(good);
            n.accept(good2);
            ValidationException e = assertThrows(ValidationException.class, () -> n.chain.acceptBlock(greedy));
            assertEquals(RejectReason.BAD_COINBASE_AMOUNT, e.reason());
            assertTrue(n.chain.node(greedy.hash()).isFailed());
            e = assertThrows(ValidationException.class, () -> n.chain.acceptBlock(child));
            assertEquals(RejectReason.PREV_BLOCK_INVALID, e.reason());
            // child was refused, so grandchild's parent is unknown: an orphan, as in Core (bad-prevblk headers are not indexed)
            assertEquals(ChainState.Acceptance.ORPHAN, n.chain.acceptBlock(grandchild));
            // main and good2 have equal work: the tip is the lower hash of the two, never the invalid branch
            Hash256 lower = main.get(1).hash().compareTo(good2.hash()) < 0 ? main.get(1).hash() : good2.hash();
            assertEquals(lower, n.tip());
        }
    }

    @Test
    void aBlockWhoseSideBranchAncestorFailsWhenItsBranchWinsIsRejectedToo() {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> main = bb.chain(bb.genesis(), 3, 600);
        Block greedy = bb.next(bb.genesis(), 700, List.of(), 1); // not connected yet: its branch is lighter
        List<Block> rest = bb.chain(greedy, 3, 600);
        try (TestChain n = open(REGTEST)) {
            n.acceptAll(main);
            assertEquals(ChainState.Acceptance.ACCEPTED, n.accept(greedy));
            n.accept(rest.get(0));
            n.accept(rest.get(1));
            // this one makes the branch heavier, so the node tries to connect greedy and finds it invalid
            ValidationException e = assertThrows(ValidationException.class, () -> n.chain.acceptBlock(rest.get(2)));
            assertEquals(RejectReason.PREV_BLOCK_INVALID, e.reason());
            assertTrue(n.chain.node(greedy.hash()).isFailed());
            assertEquals(main.get(2).hash(), n.tip());
        }
    }

    @Test
    void reopeningTheStoreContinuesOnTheSameTipAndIndex() {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> a = bb.chain(bb.genesis(), 20, 600);
        List<Block> side = bb.chain(a.get(9), 3, 601);
        Path dir = tmp.resolve("reopen");
        Hash256 digest;
        try (TestChain n = new TestChain(dir, REGTEST, TestVerifiers.real())) {
            n.acceptAll(a);
            n.acceptAll(side);
            digest = n.utxoDigest();
        }
        try (TestChain n = new TestChain(dir, REGTEST, TestVerifiers.real())) {
            assertEquals(a.get(19).hash(), n.tip());
            assertEquals(20, n.height());
            assertEquals(digest, n.utxoDigest());
            assertTrue(n.chain.node(side.get(2).hash()).hasData(), "side branch is still known");
            assertEquals(ChainState.Acceptance.DUPLICATE, n.accept(a.get(5)));
        }
    }

    @Test
    void invalidateAndReconsiderMoveTheTip() {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> a = bb.chain(bb.genesis(), 6, 600);
        List<Block> b = bb.chain(bb.genesis(), 4, 601);
        try (TestChain n = open(REGTEST)) {
            n.acceptAll(a);
            n.acceptAll(b);
            n.chain.invalidateBlock(a.get(2).hash());
            assertEquals(b.get(3).hash(), n.tip());
            n.chain.reconsiderBlock(a.get(2).hash());
            assertEquals(a.get(5).hash(), n.tip());
        }
    }
}
