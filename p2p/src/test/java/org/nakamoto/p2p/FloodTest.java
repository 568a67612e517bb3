package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Peers that flood the node with announcements, blocks or requests leave it bounded state and do not
 * stop it serving an honest peer. The flooder is a raw client from 127.0.0.1; the honest node is
 * connected to the target and relays real transactions and blocks through it.
 */
class FloodTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static TestNode node;
    static TestNode honest;
    static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 1);

    static NodeWithHonestPeer fixture;

    @BeforeAll
    static void start() {
        fixture = new NodeWithHonestPeer(dir, PARAMS);
        vertx = fixture.vertx;
        node = fixture.node;
        honest = fixture.honest;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void fiftyThousandBogusTxidsLeaveBoundedStateAndRelayGoesOn() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            Random random = new Random(1);
            List<byte[]> txids = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                byte[] h = new byte[32];
                random.nextBytes(h);
                txids.add(h);
            }
            raw.send("inv", RawPeer.inventory(1, txids));
            byte[] getdata = raw.expect("getdata").payload();
            long asked = RawPeer.readCompactSize(getdata, new int[] {0});
            assertTrue(asked > 0 && asked <= TxRelay.MAX_PEER_TX_IN_FLIGHT, "requests in flight capped: " + asked);
            node.onChain(c -> null);
            roundTrip(raw, 1);
            int tracked = TestNode.await(node.net.txRequestsTracked());
            assertTrue(tracked > 0 && tracked <= TxRelay.MAX_PEER_TX_ANNOUNCEMENTS, "tracked: " + tracked);

            // A real transaction from the honest peer still gets through while the flooder is connected.
            Block first = honest.produce(List.of(), 3);
            honest.produce(List.of(), 3);
            Await.until(Duration.ofSeconds(10), () -> node.tip().hash().equals(honest.tip().hash()), () -> "synced");
            Transaction coinbase = first.transactions().get(0);
            Transaction tx = BlockBuilder.spend(List.of(new OutPoint(coinbase.txid(), 0)), coinbase.outputs().get(0).value(), 1,
                    10_000);
            honest.submit(tx);
            Await.until(Duration.ofSeconds(10), () -> node.mempool.contains(tx.txid()), () -> "tx relayed");
            assertTrue(TestNode.await(node.net.txRequestsTracked()) <= TxRelay.MAX_PEER_TX_ANNOUNCEMENTS);
        }
    }

    @Test
    void oneBlockSentAThousandTimesIsValidatedOnce() throws IOException {
        Block block = BlockBuilder.onNode(PARAMS, node.tip(), List.of(), 77, System.currentTimeMillis() / 1000);
        byte[] payload = block.serialize();
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            roundTrip(raw, 1);
            node.onChain(c -> null);
            long before = node.netChainTasks();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 1_000; i++) {
                all.writeBytes(RawPeer.frame(PARAMS.magicBytes(), "block", payload));
            }
            raw.sendBytes(all.toByteArray());
            roundTrip(raw, 2);
            Await.until(Duration.ofSeconds(10), () -> node.tip().hash().equals(block.hash()), () -> "block accepted");
            long submitted = node.netChainTasks() - before;
            assertTrue(submitted < 20, "chain-thread submissions for 1,000 copies: " + submitted);
            roundTrip(raw, 3);
        }
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty(), "duplicates of a valid block are not punished");
    }

    @Test
    void getdataBacklogIsServedBeforeAnythingElseIsRead() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            Random random = new Random(2);
            List<byte[]> unknown = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                byte[] h = new byte[32];
                random.nextBytes(h);
                unknown.add(h);
            }
            java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
            both.writeBytes(RawPeer.frame(PARAMS.magicBytes(), "getdata", RawPeer.inventory(2, unknown)));
            both.writeBytes(RawPeer.frame(PARAMS.magicBytes(), "ping", RawPeer.le64(77)));
            raw.sendBytes(both.toByteArray());
            // Reading stops while the getdata backlog is served, so the pong comes after every notfound.
            long notFound = 0;
            while (true) {
                RawPeer.Msg m = raw.read();
                if (m.command().equals("notfound")) {
                    notFound += RawPeer.readCompactSize(m.payload(), new int[] {0});
                } else if (m.command().equals("pong")) {
                    break;
                }
            }
            assertEquals(50_000, notFound);
        }
    }

    @Test
    void storedButUnvalidatedBlocksAreNotServed() throws IOException {
        node.produce(3, 5);
        BlockNode tip = node.tip();
        // A side block below the tip: stored with its data, never connected, so never validated.
        Block side = BlockBuilder.onNode(PARAMS, tip.ancestor(tip.height() - 2), List.of(), 66, System.currentTimeMillis() / 1000);
        node.onChain(c -> c.acceptBlock(side));
        assertTrue(node.chain.node(side.hash()).hasData());
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.send("getdata", RawPeer.inventory(2, List.of(side.hash().toBytes(), tip.hash().toBytes())));
            byte[] served = raw.expect("block").payload();
            assertEquals(tip.hash().toString(), RawPeer.display(RawPeer.sha256d(java.util.Arrays.copyOf(served, 80))));
            assertArrayEquals(RawPeer.inventory(2, List.of(side.hash().toBytes())), raw.expect("notfound").payload());
        }
    }

    @Test
    void unknownCommandsShareOneCounter() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            Random random = new Random(3);
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 1_000; i++) {
                StringBuilder cmd = new StringBuilder("x");
                for (int n = random.nextInt(11); n > 0; n--) {
                    cmd.append((char) ('a' + random.nextInt(26)));
                }
                all.writeBytes(RawPeer.frame(PARAMS.magicBytes(), cmd.toString(), new byte[random.nextInt(8)]));
            }
            raw.sendBytes(all.toByteArray());
            roundTrip(raw, 9);
            PeerInfo info = TestNode.await(node.net.peerInfo()).stream()
                    .filter(i -> i.subver().equals("/rawpeer:0.1/")).findFirst().orElseThrow();
            java.util.Set<String> keys = info.bytesReceivedPerMessage().keySet();
            org.nakamoto.p2p.wire.MessageRegistry known = org.nakamoto.p2p.wire.MessageRegistry.standard();
            long extra = keys.stream().filter(k -> !known.knows(k)).count();
            assertTrue(extra <= 1, "one extra counter at most: " + keys);
            assertTrue(info.bytesReceivedPerMessage().get(PeerStats.OTHER) >= 1_000 * 24, "all counted under *other*");
        }
    }

    @Test
    void unrequestedLowWorkBlocksAreNotStored() throws IOException {
        node.produce(3, 8);
        BlockNode tip = node.tip();
        // A side block two below the tip: less work than the tip, and nobody asked for it.
        Block cheap = BlockBuilder.onNode(PARAMS, tip.ancestor(tip.height() - 2), List.of(), 88, System.currentTimeMillis() / 1000);
        // A block on the tip: more work, stored although unrequested (how a miner's push arrives).
        Block better = BlockBuilder.onNode(PARAMS, tip, List.of(), 89, System.currentTimeMillis() / 1000);
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.send("block", cheap.serialize());
            raw.send("block", better.serialize());
            roundTrip(raw, 4);
            Await.until(Duration.ofSeconds(5), () -> node.tip().hash().equals(better.hash()), () -> "better block");
            assertTrue(node.chain.node(cheap.hash()) == null, "the cheap block was neither stored nor indexed");
        }
    }

    /** A ping answered means the node has handled everything sent before it. */
    static void roundTrip(RawPeer raw, long nonce) throws IOException {
        raw.send("ping", RawPeer.le64(nonce));
        while (RawPeer.readLe64(raw.expect("pong").payload(), 0) != nonce) {
            // an earlier pong
        }
    }
}
