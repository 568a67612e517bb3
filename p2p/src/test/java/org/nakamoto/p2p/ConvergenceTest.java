package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Ten nodes, each starting from one seed address and filling its outbound slots from what it learns;
 * three of them produce blocks concurrently (so forks happen and are resolved). After production stops
 * and traffic drains, all ten agree on the tip and on the UTXO set (under the lowest-hash tie-break).
 */
class ConvergenceTest {
    @TempDir
    Path dir;

    @Test
    void tenNodesWithThreeProducersConverge() throws Exception {
        // Concurrent producers can leave two tips of equal work when production stops. Under Bitcoin's
        // first-seen rule nodes then rightly keep different tips until the next block; this test is about
        // the network delivering every block, so it runs on the local testnet's lowest-hash rule, under
        // which nodes holding the same blocks agree.
        NetworkParams params = TestNetworks.lowestHash(TestNetworks.regtest());
        try (TestNetwork net = new TestNetwork()) {
            List<TestNode> nodes = net.addSeeded("n", 10, params, dir);
            TestNetwork.awaitConnected(nodes, 3, Duration.ofSeconds(20));

            List<TestNode> producers = List.of(nodes.get(1), nodes.get(4), nodes.get(8));
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < producers.size(); i++) {
                TestNode p = producers.get(i);
                int tag = i + 1;
                Thread t = new Thread(() -> {
                    for (int k = 0; k < 12; k++) {
                        p.produce(List.of(), tag);
                        sleep(ThreadLocalRandom.current().nextInt(20, 120));
                    }
                }, "producer-" + tag);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            TestNetwork.awaitSameTip(nodes, Duration.ofSeconds(30));

            Set<Hash256> digests = new HashSet<>();
            nodes.forEach(n -> digests.add(n.utxoDigest()));
            assertEquals(1, digests.size(), "every node holds the same UTXO set");
            assertTrue(nodes.get(0).tip().height() >= 12, "at least one producer's worth of blocks");
            for (TestNode n : nodes) {
                long outbound = TestNode.await(n.net.peerInfo()).stream()
                        .filter(p -> p.connectionType().equals("outbound")).count();
                assertTrue(outbound <= 8, n + " has " + outbound + " outbound peers");
                assertTrue(TestNode.await(n.net.peerInfo()).stream().allMatch(p -> p.address().startsWith("127.0.0.1:")));
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
