package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * A fresh node joins three peers that hold 2,100 blocks and syncs headers-first: the headers in batches
 * of up to 2,000, then the bodies from all three peers at once.
 */
class LateJoinerTest {
    static final int BLOCKS = 2_100;

    @TempDir
    Path dir;

    @Test
    void freshNodeSyncsTwoThousandBlocksFromSeveralPeers() {
        NetworkParams params = TestNetworks.regtest();
        ChainFixture.build(params, dir.resolve("template"), BLOCKS);
        for (int i = 0; i < 3; i++) {
            ChainFixture.copy(dir.resolve("template"), dir.resolve("s" + i));
        }
        try (TestNetwork net = new TestNetwork()) {
            List<TestNode> sources = List.of(net.add("s0", params, dir, b -> b), net.add("s1", params, dir, b -> b),
                    net.add("s2", params, dir, b -> b));
            assertEquals(BLOCKS, sources.get(0).tip().height());
            long start = System.nanoTime();
            TestNode joiner = net.add("joiner", params, dir,
                    b -> b.connect(sources.stream().map(TestNode::address).toList()));
            Await.until(Duration.ofSeconds(120), () -> joiner.tip().height() == BLOCKS,
                    () -> "joiner at " + joiner.tip().height());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("late joiner: %d blocks in %.1f s (%.0f blocks/s)%n", BLOCKS, seconds, BLOCKS / seconds);
            assertEquals(sources.get(0).tip().hash(), joiner.tip().hash());
            assertEquals(sources.get(0).utxoDigest(), joiner.utxoDigest());

            List<PeerInfo> peers = TestNode.await(joiner.net.peerInfo());
            assertEquals(3, peers.size());
            long servingPeers = peers.stream().filter(p -> p.bytesReceivedPerMessage().getOrDefault("block", 0L) > 0).count();
            assertTrue(servingPeers >= 2, "bodies came from several peers: " + servingPeers);
            assertTrue(peers.stream().allMatch(p -> p.bytesReceivedPerMessage().getOrDefault("headers", 0L) > 0));
            assertEquals(BLOCKS, TestNode.await(joiner.net.bestHeaderHeight()));
        }
    }
}
