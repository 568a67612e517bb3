package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * A peer that announces blocks and then never delivers them is disconnected once the request for the
 * block our chain needs next times out, and the blocks come from an honest peer instead.
 */
class StallTest {
    @TempDir
    Path dir;

    @Test
    void stallerAtTheWindowBaseIsDroppedAndSyncMovesOn() throws IOException {
        NetworkParams params = TestNetworks.regtest();
        Vertx vertx = Vertx.vertx();
        try (TestNode source = new TestNode("source", vertx, params, dir.resolve("s"), TestNode.fastConfig().build()).start();
                TestNode node = new TestNode("node", vertx, params, dir.resolve("n"),
                        TestNode.fastConfig().blockStallTimeout(Duration.ofSeconds(1)).build()).start()) {
            List<Block> blocks = source.produce(5, 1);
            try (RawPeer staller = RawPeer.connect(node.address().port(), params)) {
                staller.handshake(0);
                ByteArrayOutputStream headers = new ByteArrayOutputStream();
                RawPeer.writeCompactSize(headers, blocks.size());
                for (Block b : blocks) {
                    headers.writeBytes(Arrays.copyOf(b.serialize(), 80));
                    headers.write(0);
                }
                staller.send("headers", headers.toByteArray());
                staller.expect("getdata"); // ... and never answered
                TestNode.await(node.net.addNode(source.address()));
                assertTrue(staller.isClosedByRemote(Duration.ofSeconds(8)), "staller disconnected");
            }
            Await.until(Duration.ofSeconds(10), () -> node.tip().hash().equals(source.tip().hash()), () -> "synced");
            assertTrue(TestNode.await(node.net.listBanned()).isEmpty(), "stalling is not banworthy");
        } finally {
            TestNode.await(vertx.close());
        }
    }
}
