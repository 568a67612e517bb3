package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Hostile peers on raw sockets are disconnected and their address discouraged, as Core's Discourage (no
 * 24 h ban: setban does that). The hostile clients connect from 127.0.0.2 while the honest node and the
 * other clients use 127.0.0.1 (whitelisted by default), so the test can tell a penalty on the attacker
 * from one on the whole loopback testnet: the attacker's address is discouraged, nothing is banned, the
 * honest peer stays connected and new connections from 127.0.0.1 are still accepted.
 */
class MisbehaviourTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static TestNode node;
    static TestNode honest;
    static final NetworkParams PARAMS = TestNetworks.regtest();
    /** Source address of the misbehaving clients. */
    static final String BAD = "127.0.0.2";

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

    @BeforeEach
    void clearBans() {
        TestNode.await(node.net.clearBanned());
    }

    @Test
    void headerWithBadProofOfWork() throws IOException {
        try (RawPeer raw = RawPeer.connectFrom(BAD, node.address().port(), PARAMS)) {
            raw.handshake(0);
            byte[] genesis = PARAMS.genesisHash().toBytes();
            BigInteger target = BigInteger.ONE.shiftLeft(255); // regtest powLimit is about 2^255
            byte[] bad = null;
            for (long nonce = 0; bad == null; nonce++) {
                byte[] h = RawPeer.header(4, genesis, new byte[32], System.currentTimeMillis() / 1000, 0x207fffffL, nonce);
                byte[] hash = RawPeer.sha256d(h);
                if (new BigInteger(1, reverse(hash)).compareTo(target) > 0) {
                    bad = h;
                }
            }
            byte[] payload = new byte[1 + 81];
            payload[0] = 1;
            System.arraycopy(bad, 0, payload, 1, 80);
            raw.send("headers", payload);
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
        }
        assertDiscouragedAndStillServing();
    }

    @Test
    void garbageBytes() throws IOException {
        try (RawPeer raw = RawPeer.connectFrom(BAD, node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
        }
        assertDiscouragedAndStillServing();
    }

    @Test
    void payloadOverTheLimit() throws IOException {
        try (RawPeer raw = RawPeer.connectFrom(BAD, node.address().port(), PARAMS)) {
            raw.handshake(0);
            // A header declaring a 5,000,000-byte block: over the 4,000,000-byte protocol cap. The node must
            // hang up on the header alone, before any payload arrives.
            byte[] header = new byte[24];
            System.arraycopy(PARAMS.magicBytes(), 0, header, 0, 4);
            System.arraycopy("block".getBytes(), 0, header, 4, 5);
            System.arraycopy(RawPeer.le32(5_000_000), 0, header, 16, 4);
            raw.sendBytes(header);
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
        }
        assertDiscouragedAndStillServing();
    }

    @Test
    void unknownCommandsAreIgnoredNotPunished() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.send("sendcmpct", new byte[9]);
            raw.send("sendaddrv2", new byte[0]);
            raw.send("ping", RawPeer.le64(42));
            RawPeer.Msg pong = raw.expect("pong");
            assertEquals(42, RawPeer.readLe64(pong.payload(), 0));
        }
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty());
    }

    /** BIP339, as Core: wtxidrelay belongs between version and verack; after verack it ends the connection (no ban). */
    @Test
    void wtxidrelayAfterVerackDisconnectsWithoutBan() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.send("wtxidrelay", new byte[0]);
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
        }
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty());
    }

    @Test
    void transactionFinalOnlyAtTheNextHeightIsNotPunished() throws IOException {
        long before = node.net.metrics().txReceived.get();
        try (RawPeer raw = RawPeer.connectFrom(BAD, node.address().port(), PARAMS)) {
            raw.handshake(0);
            // Final for a peer already at tip+1 (lock time < its next height), not yet for us: an honest
            // peer one block ahead relays it. Consensus-invalid transactions would cost 100 each.
            Transaction tx = new Transaction.Builder().lockTime(node.tip().height() + 1)
                    .addInput(new TxIn(new OutPoint(Hash256.sha256d(new byte[] {7}), 0), Script.EMPTY, 0))
                    .addOutput(1_000, BlockBuilder.OP_TRUE).build();
            for (int i = 0; i < 3; i++) {
                raw.send("tx", tx.serialize());
            }
            Await.until(Duration.ofSeconds(5), () -> node.net.metrics().txReceived.get() >= before + 3, () -> "txs");
            node.onChain(c -> null); // the mempool has judged all three
            raw.send("ping", RawPeer.le64(5));
            assertEquals(5, RawPeer.readLe64(raw.expect("pong").payload(), 0), "still connected");
        }
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty());
    }

    @Test
    void blockSpendingAMissingOutputGetsItsSenderBanned() throws IOException {
        Transaction spendsNothing = new Transaction.Builder()
                .addInput(new TxIn(new OutPoint(Hash256.sha256d(new byte[] {9}), 0), Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(1_000, BlockBuilder.OP_TRUE).build();
        // Valid proof of work and header; only connecting it finds the missing input.
        Block bad = BlockBuilder.onNode(PARAMS, node.tip(), List.of(spendsNothing), 99, System.currentTimeMillis() / 1000);
        try (RawPeer raw = RawPeer.connectFrom(BAD, node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.send("block", bad.serialize());
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
        }
        assertDiscouragedAndStillServing();
    }

    @Test
    void manualPeerIsDisconnectedNotBanned() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // addnode onetry: the user asked for this peer, so its misbehaviour must not ban 127.0.0.1.
            node.net.connectOnce(new NetAddress("127.0.0.1", listener.getLocalPort()));
            try (RawPeer raw = RawPeer.accept(listener, PARAMS)) {
                raw.handshake(0);
                raw.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)), "disconnected");
            }
        }
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty(), "a manual peer is never banned");
        assertTrue(!TestNode.await(node.net.isDiscouraged("127.0.0.1")), "nor discouraged");
        Await.until(Duration.ofSeconds(5), () -> TestNode.await(node.net.peerInfo()).stream()
                .noneMatch(i -> i.connectionType().equals("manual")), () -> "manual peer gone");
    }

    private void assertDiscouragedAndStillServing() throws IOException {
        Await.until(Duration.ofSeconds(5), () -> TestNode.await(node.net.isDiscouraged(BAD)), () -> "discouraged");
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty(), "discouraged, not banned");
        assertTrue(!TestNode.await(node.net.isDiscouraged("127.0.0.1")), "only the attacker's address");
        // (A discouraged address is refused only when the inbound slots are full: HardeningTest.)
        // The honest peer on 127.0.0.1, connected before, stays connected and still gets new blocks.
        assertEquals(1, node.readyPeers());
        node.produce(List.of(), 7);
        Await.until(Duration.ofSeconds(10), () -> honest.tip().hash().equals(node.tip().hash()), () -> "honest peer synced");
        assertEquals(1, node.readyPeers());
        // A new connection from 127.0.0.1 is still accepted and served.
        try (RawPeer fresh = RawPeer.connect(node.address().port(), PARAMS)) {
            fresh.handshake(0);
            fresh.send("ping", RawPeer.le64(99));
            assertEquals(99, RawPeer.readLe64(fresh.expect("pong").payload(), 0));
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
