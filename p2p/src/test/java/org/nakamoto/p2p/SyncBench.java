package org.nakamoto.p2p;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/** Headers-first sync speed of a fresh node from three peers, in blocks per second. */
@Tag("bench")
class SyncBench {
    static final int BLOCKS = 5_000;

    @TempDir
    Path dir;

    @Test
    void headersFirstSyncSpeed() {
        NetworkParams params = TestNetworks.regtest();
        ChainFixture.build(params, dir.resolve("template"), BLOCKS);
        for (int i = 0; i < 3; i++) {
            ChainFixture.copy(dir.resolve("template"), dir.resolve("s" + i));
        }
        try (TestNetwork net = new TestNetwork()) {
            List<TestNode> sources = List.of(net.add("s0", params, dir, b -> b), net.add("s1", params, dir, b -> b),
                    net.add("s2", params, dir, b -> b));
            long start = System.nanoTime();
            TestNode joiner = net.add("joiner", params, dir,
                    b -> b.connect(sources.stream().map(TestNode::address).toList()));
            Await.until(Duration.ofSeconds(60), () -> TestNode.await(joiner.net.bestHeaderHeight()) == BLOCKS, () -> "headers");
            double headersSeconds = (System.nanoTime() - start) / 1e9;
            Await.until(Duration.ofSeconds(600), () -> joiner.tip().height() == BLOCKS, () -> "joiner at " + joiner.tip().height());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH sync: %d empty blocks from 3 peers in %.1f s = %.0f blocks/s (headers alone %.1f s = %.0f headers/s)%n",
                    BLOCKS, seconds, BLOCKS / seconds, headersSeconds, BLOCKS / headersSeconds);
        }
    }
}
