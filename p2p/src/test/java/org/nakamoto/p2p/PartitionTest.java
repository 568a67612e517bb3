package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Ten nodes with a common history split into two groups of five that produce apart; the group that
 * produced more blocks (more work) wins when they are reconnected. A transaction confirmed only on the
 * losing branch goes back to the mempools, on every node.
 */
class PartitionTest {
    @TempDir
    Path dir;

    @Test
    void partitionedGroupsConvergeOnTheHeavierBranchAndLosingTransactionsReturnToMempools() {
        NetworkParams params = TestNetworks.withMaturity(TestNetworks.regtest(), 1);
        ChainFixture.build(params, dir.resolve("template"), 3);
        for (int i = 0; i < 5; i++) {
            ChainFixture.copy(dir.resolve("template"), dir.resolve("a" + i));
            ChainFixture.copy(dir.resolve("template"), dir.resolve("b" + i));
        }
        try (TestNetwork net = new TestNetwork()) {
            List<TestNode> a = net.addSeeded("a", 5, params, dir);
            List<TestNode> b = net.addSeeded("b", 5, params, dir);
            List<TestNode> all = new ArrayList<>(a);
            all.addAll(b);
            TestNetwork.awaitConnected(all, 2, Duration.ofSeconds(20));
            Hash256 common = a.get(0).tip().hash();
            assertEquals(3, a.get(0).tip().height());

            // Group b: a transaction spending the coinbase of block 1, relayed within b and confirmed there.
            TestNode bProducer = b.get(2);
            Block first = bProducer.chain.block(bProducer.chain.activeChain().at(1).hash());
            Transaction coinbase = first.transactions().get(0);
            Transaction tx = BlockBuilder.spend(List.of(new OutPoint(coinbase.txid(), 0)), coinbase.outputs().get(0).value(), 2,
                    10_000);
            bProducer.submit(tx);
            Await.until(Duration.ofSeconds(10), () -> b.stream().allMatch(n -> n.mempool.contains(tx.txid())),
                    () -> "tx relayed within group b");
            assertFalse(a.stream().anyMatch(n -> n.mempool.contains(tx.txid())), "the groups are apart");
            bProducer.produce(List.of(tx), 2);
            bProducer.produce(List.of(), 2);
            // Group a: more blocks, so more work.
            TestNode aProducer = a.get(3);
            aProducer.produce(4, 1);

            TestNetwork.awaitSameTip(a, Duration.ofSeconds(20));
            TestNetwork.awaitSameTip(b, Duration.ofSeconds(20));
            assertTrue(b.stream().noneMatch(n -> n.mempool.contains(tx.txid())), "confirmed in b");
            Hash256 heavier = a.get(0).tip().hash();
            assertNotEquals(heavier, b.get(0).tip().hash());
            assertEquals(common, a.get(0).chain.activeChain().at(3).hash());

            // Heal: one bridge is enough; addresses then spread through getaddr/addr.
            TestNode.await(a.get(0).net.addNode(b.get(0).address()));
            TestNode.await(b.get(4).net.addNode(a.get(4).address()));
            TestNetwork.awaitSameTip(all, Duration.ofSeconds(30));
            assertEquals(heavier, all.get(0).tip().hash());
            assertEquals(7, all.get(0).tip().height());

            Await.until(Duration.ofSeconds(20), () -> all.stream().allMatch(n -> n.mempool.contains(tx.txid())),
                    () -> "tx back in mempools: " + all.stream().filter(n -> !n.mempool.contains(tx.txid())).toList());
            Set<Hash256> digests = new HashSet<>();
            all.forEach(n -> digests.add(n.utxoDigest()));
            assertEquals(1, digests.size());
        }
    }
}
