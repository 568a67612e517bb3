package org.nakamoto.node.mining;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.node.ChainExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in miner: {@code --mine} runs N background threads, and {@code generatetoaddress} mines
 * synchronously on the caller's thread. Templates are built on the chain thread (a consistent tip and
 * mempool), searched off it, and found blocks go back through the chain thread like any other block.
 *
 * <p>Workers are told when the tip moves: the chain listener bumps {@link #generation}, which a worker
 * checks between nonce chunks (a volatile read every 64Ki hashes), then rebuilds. Each worker owns a
 * distinct extra-nonce range, so no two search the same header. Hash rate is sampled once a second over a
 * five-second window by a daemon thread.
 */
public final class LocalMiner implements ChainListener {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMiner.class);
    private static final long CHUNK = 1 << 16;
    private static final long NONCES = 1L << 32;
    /** Rebuild at least this often, to pick up new transactions and a fresher time. */
    private static final long REFRESH_NANOS = 10_000_000_000L;

    private final ChainState chain;
    private final Mempool mempool;
    private final ChainExecutor chainThread;
    private final BlockAssembler assembler;
    private final LongAdder hashes = new LongAdder();
    private final AtomicLong blocksMined = new AtomicLong();
    private final AtomicLong extraNonces = new AtomicLong();
    private volatile long generation;
    private volatile double hashRate;
    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();

    public LocalMiner(NetworkParams params, ChainState chain, Mempool mempool, ChainExecutor chainThread) {
        this.chain = chain;
        this.mempool = mempool;
        this.chainThread = chainThread;
        this.assembler = new BlockAssembler(params);
        Thread sampler = new Thread(this::sample, "miner-rate");
        sampler.setDaemon(true);
        sampler.start();
    }

    public BlockAssembler assembler() {
        return assembler;
    }

    @Override
    public void tipChanged(BlockNode tip, boolean reorganised) {
        generation++; // single writer (the chain thread)
    }

    /** Starts {@code threads} background workers paying to {@code payTo}. */
    public synchronized void start(int threads, Script payTo) {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> work(payTo), "miner-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        LOG.info("Mining with {} thread(s)", threads);
    }

    /** Stops the background workers and waits for them. Idempotent. */
    public synchronized void stop() {
        running = false;
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    public synchronized boolean isMining() {
        return running;
    }

    public synchronized int threads() {
        return workers.size();
    }

    public double hashesPerSecond() {
        return hashRate;
    }

    public long totalHashes() {
        return hashes.sum();
    }

    public long blocksMined() {
        return blocksMined.get();
    }

    /**
     * Mines {@code n} blocks on the current tip, one after another, paying to {@code payTo}, trying at most
     * {@code maxTries} nonces in all (Core's generatetoaddress). Returns the hashes of the blocks found.
     */
    public List<Hash256> generate(int n, Script payTo, long maxTries) throws Exception {
        NonceGrinder grinder = new NonceGrinder();
        List<Hash256> out = new ArrayList<>();
        long tries = maxTries;
        while (out.size() < n && tries > 0) {
            BlockTemplate t = template(payTo);
            Block b = t.block();
            byte[] target = NonceGrinder.targetBytes(b.header().bits());
            long limit = Math.min(NONCES, tries);
            long nonce = grinder.search(b.header(), target, 0, limit, hashes);
            tries -= nonce == NonceGrinder.NOT_FOUND ? limit : nonce + 1;
            if (nonce != NonceGrinder.NOT_FOUND) {
                Block found = b.withHeader(b.header().withNonce(nonce));
                submit(found);
                out.add(found.hash());
            }
        }
        return out;
    }

    private BlockTemplate template(Script payTo) throws Exception {
        long extra = extraNonces.incrementAndGet();
        return chainThread.call(() -> assembler.build(chain.tip(), payTo, mempool.byFeeRate(),
                System.currentTimeMillis() / 1000, extra));
    }

    private void submit(Block b) throws Exception {
        try {
            chainThread.call(() -> chain.acceptBlock(b));
            blocksMined.incrementAndGet();
        } catch (ValidationException e) {
            throw new IllegalStateException("mined block " + b.hash() + " was rejected: " + e.getMessage(), e);
        }
    }

    private void work(Script payTo) {
        NonceGrinder grinder = new NonceGrinder();
        while (running) {
            try {
                long gen = generation;
                BlockTemplate t = template(payTo);
                Block b = t.block();
                byte[] target = NonceGrinder.targetBytes(b.header().bits());
                long started = System.nanoTime();
                for (long from = 0; from < NONCES && running; from += CHUNK) {
                    long nonce = grinder.search(b.header(), target, from, from + CHUNK, hashes);
                    if (nonce != NonceGrinder.NOT_FOUND) {
                        Block found = b.withHeader(b.header().withNonce(nonce));
                        submit(found);
                        LOG.info("Mined block {} at height {}", found.hash(), t.height());
                        break;
                    }
                    if (generation != gen || System.nanoTime() - started > REFRESH_NANOS) {
                        break;
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("Miner: {}", e.getMessage());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private void sample() {
        Deque<long[]> window = new ArrayDeque<>();
        while (true) {
            long now = System.nanoTime();
            window.addLast(new long[] {now, hashes.sum()});
            while (window.size() > 6) {
                window.removeFirst();
            }
            long[] first = window.peekFirst();
            long[] last = window.peekLast();
            double secs = (last[0] - first[0]) / 1e9;
            hashRate = secs <= 0 ? 0 : (last[1] - first[1]) / secs;
            sleepQuietly(1000);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
