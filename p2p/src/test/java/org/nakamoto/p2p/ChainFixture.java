package org.nakamoto.p2p;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.ChainStore;

/** Builds a chain once in a store directory, so several nodes can start from copies of it. */
final class ChainFixture {
    private ChainFixture() {
    }

    /** Writes {@code blocks} blocks on genesis into {@code nodeDir}/chain (the layout TestNode uses). */
    static void build(NetworkParams params, Path nodeDir, int blocks) {
        try (ChainStore store = ChainStore.open(nodeDir.resolve("chain"), params)) {
            ChainState chain = ChainState.open(params, store, ScriptInputVerifier.sequential(), () -> System.currentTimeMillis() / 1000);
            long now = System.currentTimeMillis() / 1000;
            for (int i = 0; i < blocks; i++) {
                Block b = BlockMaker.make(params, chain.tip(), java.util.List.of(), 0, now);
                chain.acceptBlock(b);
            }
        } catch (ValidationException e) {
            throw new AssertionError(e);
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
