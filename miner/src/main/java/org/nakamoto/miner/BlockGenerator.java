package org.nakamoto.miner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;

import org.nakamoto.chain.state.ChainView;

/**
 * Mines a given number of blocks, one after another, and waits for each to be connected: Bitcoin
 * Core's generatetoaddress. Gives up on a block after {@code maxTries} hashes, as Core does.
 */
public final class BlockGenerator {
    private final ChainView chain;
    private final TxSource txs;
    private final BlockSubmitter submitter;
    private final LongSupplier clockSeconds;
    private final SearchSettings settings;

    public BlockGenerator(ChainView chain, TxSource txs, BlockSubmitter submitter, LongSupplier clockSeconds,
            SearchSettings settings) {
        this.chain = chain;
        this.txs = txs;
        this.submitter = submitter;
        this.clockSeconds = clockSeconds;
        this.settings = settings;
    }

    /** The hashes of the blocks mined, fewer than {@code count} if {@code maxTries} hashes ran out first. */
    public List<Hash256> generate(int count, Script payout, long maxTries) throws ValidationException, InterruptedException {
        List<Hash256> hashes = new ArrayList<>(count);
        TemplateBuilder builder = new TemplateBuilder(chain, txs, clockSeconds);
        long extraNonce = System.nanoTime() & 0x7fffffffL;
        AtomicReference<CompletableFuture<Solution>> pending = new AtomicReference<>();
        try (NonceSearcher searcher = new NonceSearcher(settings, s -> pending.get().complete(s))) {
            for (int i = 0; i < count; i++) {
                BlockTemplate t = builder.build(payout);
                TemplateRoller roller = new TemplateRoller(t, extraNonce);
                extraNonce += 1L << 32;
                CompletableFuture<Solution> found = new CompletableFuture<>();
                pending.set(found);
                searcher.newJob(new MiningJob(roller.firstHeader(), Target.of(t.target()), roller));
                Solution s = await(found, searcher, maxTries);
                if (s == null) {
                    break; // out of tries, as Core's generatetoaddress reports with fewer hashes
                }
                Block block = roller.blockFor(s.blockHeader());
                submitter.submit(block);
                hashes.add(block.hash());
            }
        }
        return hashes;
    }

    /** Waits for a solution, or returns null once the searcher has spent {@code maxTries} hashes in all. */
    private static Solution await(CompletableFuture<Solution> found, NonceSearcher searcher, long maxTries)
            throws InterruptedException {
        while (true) {
            try {
                return found.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (searcher.hashCounters().total() >= maxTries) {
                    searcher.cancel();
                    return found.getNow(null);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
