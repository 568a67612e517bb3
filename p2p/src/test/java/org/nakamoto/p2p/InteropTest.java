package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * A Bitcoin peer written from the protocol documentation (RawPeer, no project wire classes), speaking
 * protocol 70015 or 70016 with the node's magic, completes the handshake and downloads headers and
 * blocks, checking every hash itself.
 */
class InteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {70015, 70016})
    void foreignPeerDownloadsHeadersAndBlocks(int protocolVersion) throws IOException {
        NetworkParams params = TestNetworks.regtest();
        Vertx vertx = Vertx.vertx();
        try (TestNode node = new TestNode("node", vertx, params, dir.resolve("n"), TestNode.fastConfig().build()).start()) {
            node.produce(25, 1);
            try (RawPeer raw = RawPeer.connect(node.address().port(), params)) {
                RawPeer.VersionInfo v = raw.handshake(protocolVersion, 0);
                assertEquals(70016, v.version());
                assertEquals(25, v.startHeight());
                assertEquals(1, v.services() & 1, "NODE_NETWORK");

                byte[] genesis = params.genesisHash().toBytes();
                raw.send("getheaders", RawPeer.getHeaders(protocolVersion, List.of(genesis), new byte[32]));
                List<byte[]> headers = RawPeer.parseHeaders(raw.expect("headers").payload());
                assertEquals(25, headers.size());
                byte[] prev = genesis;
                List<byte[]> hashes = new ArrayList<>();
                for (byte[] h : headers) {
                    assertArrayEquals(prev, Arrays.copyOfRange(h, 4, 36), "each header links to the previous one");
                    prev = RawPeer.sha256d(h);
                    hashes.add(prev);
                }
                assertEquals(node.tip().hash().toString(), RawPeer.display(prev));

                raw.send("getdata", RawPeer.inventory(2, List.of(hashes.get(0), hashes.get(24))));
                for (int i : new int[] {0, 24}) {
                    byte[] block = raw.expect("block").payload();
                    assertArrayEquals(hashes.get(i), RawPeer.sha256d(Arrays.copyOf(block, 80)));
                    assertTrue(block.length > 80 + 1 + 60, "header, tx count and a coinbase");
                }

                byte[] unknown = new byte[32];
                unknown[0] = 1;
                raw.send("getdata", RawPeer.inventory(2, List.of(unknown)));
                byte[] notFound = raw.expect("notfound").payload();
                assertArrayEquals(RawPeer.inventory(2, List.of(unknown)), notFound);
            }
        } finally {
            TestNode.await(vertx.close());
        }
    }
}
