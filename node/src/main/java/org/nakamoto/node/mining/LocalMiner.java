package org.nakamoto.node.mining;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.mempool.MempoolView;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;

import org.nakamoto.chain.state.ChainView;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.miner.BlockGenerator;
import org.nakamoto.miner.BlockSubmitter;
import org.nakamoto.miner.Miner;
import org.nakamoto.miner.SearchSettings;
import org.nakamoto.miner.TemplateBuilder;
import org.nakamoto.miner.TxSource;

/**
 * The node's use of the miner module: {@code --mine} runs a {@link Miner} (N search threads, told of tip
 * changes as a chain listener), {@code generatetoaddress} a {@link BlockGenerator} on the caller's thread,
 * and getblocktemplate a {@link TemplateBuilder}. Every found block goes through the chain thread, like a
 * block from a peer.
 */
public final class LocalMiner {
    /** Rebuild the template at least this often, to pick up new transactions and a fresher time. */
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final ChainView chain;
    private final TxSource txs;
    private final BlockSubmitter submitter;
    private final LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private final AtomicLong blocksMined = new AtomicLong();
    private Miner miner; // guarded by this

    public LocalMiner(ChainView chain, MempoolView mempool, ChainWriter writer) {
        this.chain = chain;
        this.txs = TxSource.of(mempool);
        this.submitter = block -> submit(writer, block);
    }

    private void submit(ChainWriter writer, Block block) throws ValidationException {
        try {
            writer.acceptBlock(block).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ValidationException ve) {
                throw ve;
            }
            throw new IllegalStateException("cannot submit mined block " + block.hash() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting mined block " + block.hash(), e);
        }
        blocksMined.incrementAndGet();
    }

    /** A template builder over the chain and mempool (for getblocktemplate). */
    public TemplateBuilder templates() {
        return new TemplateBuilder(chain, txs, clock);
    }

    /** Starts mining with {@code threads} search threads, paying to {@code payTo}. */
    public synchronized void start(int threads, Script payTo) {
        if (miner == null) {
            miner = new Miner(chain, txs, payTo, SearchSettings.withThreads(threads), submitter, clock, REFRESH);
            miner.start();
        }
    }

    /** Stops the search threads and waits for them. Idempotent. */
    public synchronized void stop() {
        if (miner != null) {
            miner.close();
            chain.events().unsubscribe(miner);
            miner = null;
        }
    }

    public synchronized boolean isMining() {
        return miner != null && miner.isRunning();
    }

    public synchronized int threads() {
        return miner == null ? 0 : miner.threads();
    }

    /** Hashes per second of worker {@code i}, or 0 when it is not mining. */
    public synchronized double threadHashesPerSecond(int i) {
        return miner == null || i >= miner.meter().workers() ? 0 : miner.meter().worker(i);
    }

    public synchronized double hashesPerSecond() {
        return miner == null ? 0 : miner.hashesPerSecond();
    }

    /** Blocks this node mined and the chain accepted (background miner and generatetoaddress). */
    public long blocksMined() {
        return blocksMined.get();
    }

    /**
     * Core's generatetoaddress: mines {@code n} blocks one after another on one search thread, at most
     * {@code maxTries} hashes in all; returns the hashes of the blocks found (fewer when tries ran out).
     */
    public List<Hash256> generate(int n, Script payTo, long maxTries) throws ValidationException, InterruptedException {
        return new BlockGenerator(chain, txs, submitter, clock, SearchSettings.withThreads(1)).generate(n, payTo, maxTries);
    }
}
