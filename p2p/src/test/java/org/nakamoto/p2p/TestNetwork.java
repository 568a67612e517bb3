package org.nakamoto.p2p;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;

/** Several TestNodes in one JVM sharing one Vert.x instance (each node has its own context). */
final class TestNetwork implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final List<TestNode> nodes = new ArrayList<>();

    /** Starts a node configured by {@code config} applied to the fast test defaults. */
    TestNode add(String name, NetworkParams params, Path dir, Function<P2pConfig.Builder, P2pConfig.Builder> config) {
        TestNode n = new TestNode(name, vertx, params, dir.resolve(name), config.apply(TestNode.fastConfig()).build());
        nodes.add(n);
        return n.start();
    }

    /** {@code count} nodes named prefix0.., the first being the seed every other one starts from. */
    List<TestNode> addSeeded(String prefix, int count, NetworkParams params, Path dir) {
        List<TestNode> group = new ArrayList<>();
        TestNode seed = add(prefix + 0, params, dir, b -> b);
        group.add(seed);
        for (int i = 1; i < count; i++) {
            group.add(add(prefix + i, params, dir, b -> b.seeds(List.of(seed.address()))));
        }
        return group;
    }

    static void awaitConnected(List<TestNode> group, int minPeers, Duration timeout) {
        Await.until(timeout, () -> group.stream().allMatch(n -> n.readyPeers() >= minPeers),
                () -> "peer counts " + group.stream().map(n -> n + "=" + n.readyPeers()).toList());
    }

    static void awaitSameTip(List<TestNode> group, Duration timeout) {
        Await.until(timeout, () -> tips(group).size() == 1,
                () -> "tips " + group.stream().map(n -> n + "@" + n.tip().height() + ":" + n.tip().hash()).toList());
    }

    static Set<Hash256> tips(List<TestNode> group) {
        Set<Hash256> s = new HashSet<>();
        group.forEach(n -> s.add(n.tip().hash()));
        return s;
    }

    @Override
    public void close() {
        nodes.forEach(TestNode::close);
        TestNode.await(vertx.close());
    }
}
