package org.nakamoto.p2p;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;

/** Builds a chain once in a store directory, so several nodes can start from copies of it. */
final class ChainFixture {
    private ChainFixture() {
    }

    /** Writes {@code blocks} blocks on genesis into {@code nodeDir}/chain (the layout TestNode uses). */
    static void build(NetworkParams params, Path nodeDir, int blocks) {
        // Real times, as the blocks TestNode produces carry.
        long now = System.currentTimeMillis() / 1000;
        try (TestChain chain = new TestChain(nodeDir.resolve("chain"), params, ScriptInputVerifier.sequential())) {
            for (int i = 0; i < blocks; i++) {
                chain.accept(BlockBuilder.onNode(params, chain.chain.tip(), List.of(), 0, now));
            }
        }
    }

    static void copy(Path fromNodeDir, Path toNodeDir) {
        Path from = fromNodeDir.resolve("chain");
        Path to = toNodeDir.resolve("chain");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals("LOCK")) {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
