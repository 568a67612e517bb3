package org.nakamoto.p2p;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.nakamoto.chain.params.NetworkParams;

/** A node under test with one honest peer connected to it: the setup of tests that attack the node. */
final class NodeWithHonestPeer implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final TestNode node;
    final TestNode honest;

    NodeWithHonestPeer(Path dir, NetworkParams params) {
        node = new TestNode("node", vertx, params, dir.resolve("node"), TestNode.fastConfig().build()).start();
        honest = new TestNode("honest", vertx, params, dir.resolve("honest"),
                TestNode.fastConfig().connect(List.of(node.address())).build()).start();
        Await.until(Duration.ofSeconds(10), () -> node.readyPeers() == 1, () -> "honest peer connected");
    }

    @Override
    public void close() {
        honest.close();
        node.close();
        TestNode.await(vertx.close());
    }
}
