package org.nakamoto.chain.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.store.StoreException;

/**
 * {@code --reindex}: rebuilds the block index and the UTXO set from the block bodies a store holds, as
 * Bitcoin Core's -reindex rebuilds them from its blk files. The store has already been emptied of index
 * records, undo data, coins and tip ({@link org.nakamoto.chain.store.ChainStore#beginReindex}), and chain
 * state opened on it holds the genesis block only. Every stored body is then handed to
 * {@link ChainState#acceptBlock} parents first (breadth first from genesis, so in height order along every
 * branch), through full validation; fork choice ends on the chain with the most work, as before. A body
 * whose parent is not stored, that cannot be read, or that fails validation is counted and its
 * descendants skipped. Bodies are not rewritten, and syncs are deferred as in an import (the bodies are
 * the source): a reindex stopped in the middle is started again.
 *
 * <p>Runs on the chain writer thread (the thread that opened the state). Not reusable: one run.
 */
public final class Reindexer {
    /** Where a reindex stands. */
    public record Progress(int done, int total, int tipHeight, double blocksPerSecond, boolean finished) {
    }

    /** What a reindex did: bodies found, blocks connected or stored, and the ones left out. */
    public record Result(int bodies, int accepted, int rejected, int unreadable, int withoutParent, int tipHeight,
            Hash256 tip) {
    }

    static final int FLUSH_EVERY = 1000;

    private final ChainState chain;
    private final Consumer<Progress> progress;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    public Reindexer(ChainState chain, Consumer<Progress> progress, long intervalMillis) {
        this(chain, progress, intervalMillis, System::nanoTime);
    }

    Reindexer(ChainState chain, Consumer<Progress> progress, long intervalMillis, LongSupplier nanoClock) {
        this.chain = chain;
        this.progress = progress;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    /** Accepts the blocks of {@code stored} (the headers of every stored body) parents first. */
    public Result run(List<BlockHeader> stored) {
        Map<Hash256, List<Hash256>> children = new HashMap<>();
        for (BlockHeader h : stored) {
            children.computeIfAbsent(h.prevHash(), k -> new ArrayList<>()).add(h.hash());
        }
        Hash256 genesis = chain.params().genesisHash();
        Deque<Hash256> queue = new ArrayDeque<>(children.getOrDefault(genesis, List.of()));
        int total = stored.size() - (stored.stream().anyMatch(h -> h.hash().equals(genesis)) ? 1 : 0);
        int done = 0;
        int accepted = 0;
        int rejected = 0;
        int unreadable = 0;
        long start = nanoClock.getAsLong();
        long lastReport = start;
        chain.deferBodySync(true);
        try {
            while (!queue.isEmpty()) {
                Hash256 hash = queue.poll();
                done++;
                if (done % FLUSH_EVERY == 0) {
                    chain.flushStore();
                }
                Block block;
                try {
                    block = chain.block(hash);
                } catch (StoreException e) {
                    block = null;
                }
                if (block == null) {
                    unreadable++;
                    continue;
                }
                try {
                    chain.acceptBlock(block);
                    accepted++;
                    queue.addAll(children.getOrDefault(hash, List.of()));
                } catch (ValidationException e) {
                    rejected++; // its descendants are invalid too: not queued
                }
                long now = nanoClock.getAsLong();
                if (now - lastReport >= intervalNanos) {
                    lastReport = now;
                    progress.accept(new Progress(done, total, chain.tip().height(), rate(done, now - start), false));
                }
            }
        } finally {
            chain.deferBodySync(false); // flushes
        }
        progress.accept(new Progress(done, total, chain.tip().height(), rate(done, nanoClock.getAsLong() - start), true));
        return new Result(total, accepted, rejected, unreadable, total - done, chain.tip().height(), chain.tip().hash());
    }

    private static double rate(long blocks, long nanos) {
        return nanos <= 0 ? 0 : blocks * 1e9 / nanos;
    }
}
