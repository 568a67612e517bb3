package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * addr from a peer: by default only loopback addresses are learned (the node dials only addresses it is
 * given), and each peer's addresses are rate-limited by Core's token bucket (1,000 to start).
 */
class AddressRelayTest {
    @TempDir
    Path dir;

    @Test
    void learnsOnlyLoopbackAndAtMostTheBucket() throws IOException {
        NetworkParams params = TestNetworks.regtest();
        Vertx vertx = Vertx.vertx();
        // No outbound slots: learned loopback addresses are stored but not dialled during the test.
        try (TestNode node = new TestNode("node", vertx, params, dir.resolve("n"),
                TestNode.fastConfig().maxOutbound(0).build()).start();
                RawPeer raw = RawPeer.connect(node.address().port(), params)) {
            raw.handshake(0);
            int before = TestNode.await(node.net.knownAddressCount());
            raw.send("addr", RawPeer.addr(List.of(new byte[] {10, 0, 0, 1}, new byte[] {127, 0, 0, 9}), 18444));
            roundTrip(raw, 1);
            assertEquals(before + 1, TestNode.await(node.net.knownAddressCount()),
                    "10.0.0.1 is neither stored nor dialled; 127.0.0.9 is");

            // 2 x 1,000 more: only what is left of the 1,000-token bucket is processed.
            for (int m = 0; m < 2; m++) {
                List<byte[]> ips = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    ips.add(new byte[] {127, (byte) (1 + m), (byte) (i >> 8), (byte) i});
                }
                raw.send("addr", RawPeer.addr(ips, 18444));
            }
            roundTrip(raw, 2);
            int learned = TestNode.await(node.net.knownAddressCount()) - before - 1;
            assertTrue(learned >= 990 && learned <= 1000, "about 998 of 2,000 processed: " + learned);
        } finally {
            TestNode.await(vertx.close());
        }
    }

    @Test
    void peersFileKeepsOnlyLoopbackUnlessAllowed() {
        AddressBook book = new AddressBook(100, 1_000, 60_000);
        book.add(new NetAddress("10.0.0.1", 8333), 1, 5);
        book.add(new NetAddress("127.0.0.1", 8333), 1, 5);
        String text = book.takeDirtyText();
        AddressBook strict = new AddressBook(100, 1_000, 60_000);
        strict.load(text, true);
        assertEquals(1, strict.size());
        AddressBook open = new AddressBook(100, 1_000, 60_000);
        open.load(text, false);
        assertEquals(2, open.size());
    }

    @Test
    void evictionFollowsRefreshedLastSeen() {
        AddressBook book = new AddressBook(3, 1_000, 60_000);
        NetAddress a = new NetAddress("127.0.0.1", 1);
        book.add(a, 0, 1);
        book.add(new NetAddress("127.0.0.1", 2), 0, 2);
        book.add(new NetAddress("127.0.0.1", 3), 0, 3);
        book.markSuccess(a, 10); // now the newest
        book.add(new NetAddress("127.0.0.1", 4), 0, 4);
        assertEquals(3, book.size());
        assertTrue(book.get(a) != null, "refreshed entry kept");
        assertTrue(book.get(new NetAddress("127.0.0.1", 2)) == null, "the oldest went");
        for (int i = 0; i < 100_000; i++) {
            book.add(new NetAddress("127.0.0.1", 1 + (i % 60_000)), 0, 100 + i);
        }
        assertEquals(3, book.size());
    }

    /** A ping answered means the node has handled everything sent before it. */
    private static void roundTrip(RawPeer raw, long nonce) throws IOException {
        raw.send("ping", RawPeer.le64(nonce));
        while (RawPeer.readLe64(raw.expect("pong").payload(), 0) != nonce) {
            // an earlier pong
        }
    }
}
