package org.nakamoto.chain.testing;

import java.nio.file.Path;
import java.util.List;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.ChainStore;

/** A real chain state over a real LevelDB in a directory, for tests. */
public final class TestChain implements AutoCloseable {
    /** A fixed clock far in the future of every test block, so time-too-new never triggers by accident. */
    public static final long NOW = 4_000_000_000L;

    public final Path dir;
    public final ChainStore store;
    public final ChainState chain;

    public TestChain(Path dir, NetworkParams params, InputVerifier verifier) {
        this.dir = dir;
        this.store = ChainStore.open(dir, params);
        this.chain = ChainState.open(params, store, verifier, () -> NOW);
    }

    public ChainState.Acceptance accept(Block b) {
        try {
            return chain.acceptBlock(b);
        } catch (ValidationException e) {
            throw new AssertionError("block " + b.hash() + " rejected: " + e.getMessage(), e);
        }
    }

    public void acceptAll(List<Block> blocks) {
        blocks.forEach(this::accept);
    }

    public Hash256 tip() {
        return chain.tip().hash();
    }

    public int height() {
        return chain.tip().height();
    }

    public Hash256 utxoDigest() {
        try (ChainStore.StoreSnapshot s = store.snapshot()) {
            return s.utxoStats().digest();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
