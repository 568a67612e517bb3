package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.params.NetworkParams;

/**
 * Hostile peers on raw sockets are banned (everything is on 127.0.0.1, so the ban shows as the node
 * refusing new connections from that address), while an honest peer connected earlier keeps being served.
 */
class MisbehaviourTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static TestNode node;
    static TestNode honest;
    static final NetworkParams PARAMS = TestParams.regtest();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        node = new TestNode("node", vertx, PARAMS, dir.resolve("node"), TestNode.fastConfig().build()).start();
        honest = new TestNode("honest", vertx, PARAMS, dir.resolve("honest"),
                TestNode.fastConfig().connect(List.of(node.address())).build()).start();
        Await.until(Duration.ofSeconds(10), () -> node.readyPeers() == 1, () -> "honest peer connected");
    }

    @AfterAll
    static void stop() {
        honest.close();
        node.close();
        TestNode.await(vertx.close());
    }

    @BeforeEach
    void clearBans() {
        TestNode.await(node.net.clearBanned());
    }

    @Test
    void headerWithBadProofOfWork() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
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
        assertBannedAndStillServing();
    }

    @Test
    void garbageBytes() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertTrue(raw.isClosedByRemote(Duration.ofSeconds(5)));
        }
        assertBannedAndStillServing();
    }

    @Test
    void payloadOverTheLimit() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
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
        assertBannedAndStillServing();
    }

    @Test
    void unknownCommandsAreIgnoredNotPunished() throws IOException {
        try (RawPeer raw = RawPeer.connect(node.address().port(), PARAMS)) {
            raw.handshake(0);
            raw.send("sendcmpct", new byte[9]);
            raw.send("wtxidrelay", new byte[0]);
            raw.send("ping", RawPeer.le64(42));
            RawPeer.Msg pong = raw.expect("pong");
            assertEquals(42, RawPeer.readLe64(pong.payload(), 0));
        }
        assertTrue(TestNode.await(node.net.listBanned()).isEmpty());
    }

    private void assertBannedAndStillServing() throws IOException {
        Await.until(Duration.ofSeconds(5), () -> !TestNode.await(node.net.listBanned()).isEmpty(), () -> "ban");
        BanEntry ban = TestNode.await(node.net.listBanned()).get(0);
        assertEquals("127.0.0.1", ban.host());
        assertTrue(ban.bannedUntil() > System.currentTimeMillis() + Duration.ofHours(23).toMillis(), "24 h by default");
        // A new connection from the banned address is refused at once.
        try (RawPeer again = RawPeer.connect(node.address().port(), PARAMS)) {
            assertTrue(again.isClosedByRemote(Duration.ofSeconds(5)));
        }
        // The honest peer, connected before, still gets new blocks.
        node.produce(List.of(), 7);
        Await.until(Duration.ofSeconds(10), () -> honest.tip().hash().equals(node.tip().hash()), () -> "honest peer synced");
        assertEquals(1, node.readyPeers());
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
