package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.testing.TestNetworks;

class HandshakeTest {
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
    void twoNodesCompleteTheHandshakeAndMeasurePing() {
        try (TestNode a = new TestNode("a", vertx, TestNetworks.regtest(), dir.resolve("a"), TestNode.fastConfig().build()).start();
                TestNode b = new TestNode("b", vertx, TestNetworks.regtest(),
                        dir.resolve("b"), TestNode.fastConfig().addNodes(List.of()).build()).start()) {
            a.produce(3, 1);
            TestNode.await(b.net.addNode(a.address()));
            Await.until(Duration.ofSeconds(10), () -> a.readyPeers() == 1 && b.readyPeers() == 1, () -> "handshake");
            PeerInfo fromB = TestNode.await(b.net.peerInfo()).get(0);
            assertEquals(70016, fromB.version());
            assertEquals("/nakamoto:0.1.0/", fromB.subver());
            assertFalse(fromB.inbound());
            assertEquals(3, fromB.startHeight());
            assertEquals(9, fromB.services(), "NODE_NETWORK and NODE_WITNESS");
            Await.until(Duration.ofSeconds(10), () -> TestNode.await(b.net.peerInfo()).get(0).pingMillis() >= 0,
                    () -> "pong");
            PeerInfo fromA = TestNode.await(a.net.peerInfo()).get(0);
            assertTrue(fromA.inbound());
            assertTrue(fromA.bytesReceivedPerMessage().containsKey("version"));
            assertTrue(fromA.bytesSentPerMessage().containsKey("verack"));
            // b syncs a's three blocks headers-first
            Await.until(Duration.ofSeconds(10), () -> b.tip().hash().equals(a.tip().hash()), () -> "sync");
        }
    }

    @Test
    void aNodeDiallingItselfDetectsTheNonceAndDropsBothEnds() {
        try (TestNode a = new TestNode("a", vertx, TestNetworks.regtest(), dir.resolve("a"), TestNode.fastConfig().build()).start()) {
            TestNode.await(a.net.addNode(a.address()));
            Await.until(Duration.ofSeconds(10),
                    () -> a.net.metrics().get("disconnects_total") >= 2, () -> "self connection dropped");
            sleep(500);
            assertEquals(0, a.readyPeers());
            assertEquals(1, a.net.metrics().get("outbound_attempts_total"), "the self address is never redialled");
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDropped() throws Exception {
        P2pConfig quickPing = TestNode.fastConfig().ping(Duration.ofMillis(200), Duration.ofMillis(600)).build();
        try (TestNode a = new TestNode("a", vertx, TestNetworks.regtest(), dir.resolve("a"), quickPing).start();
                RawPeer raw = RawPeer.connect(a.address().port(), TestNetworks.regtest())) {
            raw.handshake(0);
            // The raw peer never answers pings: within the timeout the node hangs up.
            Await.until(Duration.ofSeconds(10), () -> a.net.metrics().get("disconnects_total") == 1, () -> "ping timeout");
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
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
