package org.nakamoto.miner;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;

import org.nakamoto.chain.state.ChainView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's built-in miner: keeps the nonce search busy on a template for the current tip. A tip
 * change cancels the search at once (workers drop the job within one check interval) and a fresh
 * template follows; mempool changes refresh the template every {@code refresh} period. Found blocks go
 * to the chain through {@link BlockSubmitter}, the normal validation path.
 *
 * <p>Threads: the search workers, one "miner-control" thread that builds templates and samples the hash
 * rate, and whoever delivers chain events (usually the chain writer, after its task and outside the chain's
 * lock), whose listener methods only cancel and enqueue.
 */
public final class Miner implements ChainListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Miner.class);

    private final ChainView chain;
    private final TemplateBuilder templates;
    private final TxSource txs;
    private final Script payout;
    private final BlockSubmitter submitter;
    private final Duration refresh;
    private final NonceSearcher searcher;
    private final HashRateMeter meter;
    private final ScheduledExecutorService control;
    private final AtomicLong blocksFound = new AtomicLong();
    /** Extra-nonces start at a random point so restarts and several miners do not repeat work. */
    private final AtomicLong extraNonceBase = new AtomicLong(new SecureRandom().nextLong() >>> 1);

    /** The roller of the job being searched; set by the control thread, cleared by the worker that solves it. */
    private final java.util.concurrent.atomic.AtomicReference<TemplateRoller> current =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** Control thread only. */
    private long templateChangeCount = -1;
    private volatile boolean running;

    public Miner(ChainView chain, TxSource txs, Script payout, SearchSettings settings, BlockSubmitter submitter,
            java.util.function.LongSupplier clockSeconds, Duration refresh) {
        this(chain, txs, payout, settings, submitter, clockSeconds, refresh, NonceKernels.bestFactory());
    }

    /** With a chosen kernel, so tests can watch what the workers search. */
    Miner(ChainView chain, TxSource txs, Script payout, SearchSettings settings, BlockSubmitter submitter,
            java.util.function.LongSupplier clockSeconds, Duration refresh,
            java.util.function.Supplier<? extends NonceKernel> kernels) {
        this.chain = chain;
        this.txs = txs;
        this.payout = payout;
        this.submitter = submitter;
        this.refresh = refresh;
        this.templates = new TemplateBuilder(chain, txs, clockSeconds);
        this.searcher = new NonceSearcher(settings, kernels, this::solved);
        this.meter = new HashRateMeter(searcher.hashCounters());
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "miner-control");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        chain.events().subscribe(this);
        control.execute(this::newTemplate);
        control.scheduleAtFixedRate(this::tick, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        control.scheduleAtFixedRate(meter::sample, 1, 1, TimeUnit.SECONDS);
        log.info("mining with {} threads ({}) to {}", searcher.settings().threads(), searcher.kernelNames().get(0), payout);
        if (!NonceKernels.isFastPathAvailable()) {
            log.info("slower SHA-256 path: {}", NonceKernels.fastPathUnavailableReason());
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void tipChanged(BlockNode tip, boolean reorganised) {
        if (!running) {
            return;
        }
        try {
            searcher.cancel();
            control.execute(this::newTemplate);
        } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException closing) {
            // close() is under way on another thread; the chain writer must not see it
        }
    }

    private void tick() {
        if (running && (txs.changeCount() != templateChangeCount || current.get() == null)) {
            newTemplate();
        }
    }

    private void newTemplate() {
        if (!running || control.isShutdown()) {
            return;
        }
        try {
            templateChangeCount = txs.changeCount();
            BlockTemplate t = templates.build(payout);
            TemplateRoller roller = new TemplateRoller(t, extraNonceBase.getAndAdd(1L << 32));
            current.set(roller);
            searcher.newJob(new MiningJob(roller.firstHeader(), Target.of(t.target()), roller));
        } catch (RuntimeException e) {
            log.warn("could not build a block template: {}", e.toString());
        }
    }

    /**
     * On a worker thread: rebuild the block from the roller of the job that was solved (not whatever
     * job is current: a new one may have been posted meanwhile) and hand it to the chain.
     */
    private void solved(Solution s) {
        if (!(s.job().roller() instanceof TemplateRoller roller)) {
            return;
        }
        Block block = roller.blockFor(s.blockHeader());
        current.compareAndSet(roller, null); // this job ended; the next tip change or tick starts another
        if (block == null) {
            return;
        }
        control.execute(() -> {
            try {
                submitter.submit(block);
                blocksFound.incrementAndGet();
            } catch (ValidationException e) {
                log.warn("mined block {} was rejected: {}", block.hash(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("mined block {} could not be submitted: {}", block.hash(), e.toString());
            }
            if (current.get() == null) {
                newTemplate();
            }
        });
    }

    public double hashesPerSecond() {
        return meter.total();
    }

    public HashRateMeter meter() {
        return meter;
    }

    public long blocksFound() {
        return blocksFound.get();
    }

    public int threads() {
        return searcher.settings().threads();
    }

    /**
     * Stops the search, then the control thread, and waits for a block submission in progress to end, so
     * nothing of the miner touches the chain after this returns. Idempotent.
     */
    @Override
    public synchronized void close() {
        running = false;
        chain.events().unsubscribe(this);
        searcher.close();
        control.shutdown();
        try {
            if (!control.awaitTermination(30, TimeUnit.SECONDS)) {
                control.shutdownNow();
                log.warn("the miner's control thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            control.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
