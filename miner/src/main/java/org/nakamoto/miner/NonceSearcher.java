package org.nakamoto.miner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The multi-threaded SHA-256d nonce search. Workers start idle; {@link #newJob} hands every worker the job (each
 * a disjoint share of the nonce space), {@link #cancel} makes them drop it. Both wake the workers rather than
 * being polled, and a worker notices a newer generation within one check interval of nonces. The first solution
 * of a job ends the job for all workers and goes to the sink; call {@link #newJob} again to continue.
 */
public final class NonceSearcher implements AutoCloseable {
    private final SearchSettings settings;
    private final JobBoard board;
    private final HashCounters counters;
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> kernelNames = new ArrayList<>();

    /** With the fastest kernel available. */
    public NonceSearcher(SearchSettings settings, SolutionSink sink) {
        this(settings, NonceKernels.bestFactory(), sink);
    }

    /** @param kernels called once per worker, on this thread */
    public NonceSearcher(SearchSettings settings, Supplier<? extends NonceKernel> kernels, SolutionSink sink) {
        this.settings = settings;
        this.board = new JobBoard(settings.threads());
        this.counters = new HashCounters(settings.threads());
        for (int i = 0; i < settings.threads(); i++) {
            NonceKernel kernel = kernels.get();
            kernelNames.add(kernel.name());
            Thread t = new Thread(new SearchWorker(i, board, kernel, settings, counters, sink), "miner-" + i);
            t.setDaemon(true); // never keeps the JVM alive on its own
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Replaces the current job, if any, with this one. */
    public void newJob(MiningJob job) {
        board.publish(job);
    }

    /** Drops the current job: every worker stops within one check interval and goes idle. */
    public void cancel() {
        board.cancel();
    }

    /** Waits until no worker is working on a job; false on timeout. For tests, benchmarks and orderly stops. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return board.awaitIdle(timeout.toNanos());
    }

    public HashCounters hashCounters() {
        return counters;
    }

    public SearchSettings settings() {
        return settings;
    }

    /** Kernel name of each worker, to report which path is in use. */
    public List<String> kernelNames() {
        return List.copyOf(kernelNames);
    }

    /**
     * Stops the workers and waits for them (each finishes at most one batch). If interrupted it stops waiting and
     * keeps the interrupt flag; the workers still end, being told to, and are daemons.
     */
    @Override
    public void close() {
        board.close();
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
