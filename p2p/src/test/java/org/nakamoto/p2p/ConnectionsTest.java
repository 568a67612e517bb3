package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.testing.TestNetworks;

/** Slots, caps, persistence and the send queue, on real loopback sockets. */
class ConnectionsTest {
    @TempDir
    Path dir;
    Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        TestNode.await(vertx.close());
    }

    @Test
    void inboundConnectionsStopAtTheCap() throws IOException {
        try (TestNode node = new TestNode("n", vertx, TestNetworks.regtest(), dir.resolve("n"),
                TestNode.fastConfig().maxInbound(2).build()).start()) {
            List<RawPeer> raws = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    RawPeer r = RawPeer.connect(node.address().port(), node.params);
                    r.handshake(0);
                    raws.add(r);
                }
                RawPeer third = RawPeer.connect(node.address().port(), node.params);
                raws.add(third);
                assertTrue(third.isClosedByRemote(Duration.ofSeconds(5)));
                Await.until(Duration.ofSeconds(5), () -> node.readyPeers() == 2, () -> "two peers");
                assertEquals(1, node.net.metrics().get("inbound_refused_total"));
            } finally {
                for (RawPeer r : raws) {
                    r.close();
                }
            }
        }
    }

    @Test
    void outboundSlotsAreLimitedAndTheBookAndBansSurviveARestart() throws IOException {
        try (TestNetwork net = new TestNetwork()) {
            List<TestNode> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(net.add("o" + i, TestNetworks.regtest(), dir, b -> b));
            }
            TestNode node = net.add("node", TestNetworks.regtest(), dir,
                    b -> b.maxOutbound(2).seeds(others.stream().map(TestNode::address).toList()));
            Await.until(Duration.ofSeconds(10), () -> node.readyPeers() == 2, () -> "two outbound peers");
            sleep(500);
            assertEquals(2, node.readyPeers(), "no more than the outbound slots");
            TestNode.await(node.net.ban("10.1.2.3", Duration.ofHours(1), "test"));
            TestNode.await(node.net.stop());
            Path p2pDir = dir.resolve("node").resolve("p2p");
            String peers = Files.readString(p2pDir.resolve("peers.txt"));
            for (TestNode o : others) {
                assertTrue(peers.contains(o.address().host() + " " + o.address().port()), peers);
            }
            assertTrue(Files.readString(p2pDir.resolve("banlist.txt")).contains("10.1.2.3"));
        }
    }

    @Test
    void aPeerThatDoesNotReadItsAnswersIsDropped() throws IOException {
        P2pConfig small = TestNode.fastConfig().sendQueue(16 * 1024, 1 << 20).sendStallTimeout(Duration.ofMillis(500)).build();
        try (TestNode node = new TestNode("n", vertx, TestNetworks.regtest(), dir.resolve("n"), small).start();
                RawPeer raw = RawPeer.connect(node.address().port(), node.params)) {
            node.produce(1, 1);
            raw.handshake(0);
            // Ask for the same block 50,000 times and never read: about 12 MB of answers.
            byte[] h = node.tip().hash().toBytes();
            List<byte[]> many = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                many.add(h);
            }
            raw.send("getdata", RawPeer.inventory(2, many));
            Await.until(Duration.ofSeconds(20), () -> node.net.metrics().get("disconnects_total") == 1,
                    () -> "slow reader dropped");
            assertEquals(0, node.readyPeers());
            assertTrue(TestNode.await(node.net.listBanned()).isEmpty(), "slow is not malicious: no ban");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
