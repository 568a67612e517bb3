package org.nakamoto.miner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mining thread. For each job it first searches its own slice of the first header's nonce range, then asks
 * the job's roller for whole fresh headers, until it finds a solution, the roller runs dry, or the job's
 * generation moves on (checked every {@code checkInterval} nonces).
 */
final class SearchWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchWorker.class);
    private static final long STOPPED = -2;

    private final int id;
    private final JobBoard board;
    private final NonceKernel kernel;
    private final SearchSettings settings;
    private final HashCounters counters;
    private final SolutionSink sink;

    SearchWorker(int id, JobBoard board, NonceKernel kernel, SearchSettings settings, HashCounters counters,
            SolutionSink sink) {
        this.id = id;
        this.board = board;
        this.kernel = kernel;
        this.settings = settings;
        this.counters = counters;
        this.sink = sink;
    }

    @Override
    public void run() {
        long seen = -1; // older than any generation, so a job published before this thread ran is still taken
        try {
            for (JobBoard.Assignment a = board.take(id, seen); a != null; a = board.take(id, seen)) {
                seen = a.generation();
                try {
                    mine(a.job(), a.generation());
                } catch (RuntimeException e) {
                    // A failing roller or sink must not kill the thread: drop this job, wait for the next.
                    LOG.warn("miner worker {} dropped a job", id, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void mine(MiningJob job, long gen) {
        byte[] header = job.header();
        long limit = settings.noncesPerHeader();
        // The first header is shared: each worker takes a contiguous slice of its nonces.
        long from = limit * id / settings.threads();
        long to = limit * (id + 1) / settings.threads();
        while (true) {
            kernel.load(header);
            long nonce = scan(from, to, job.target(), gen);
            if (nonce == STOPPED) {
                return;
            }
            if (nonce != NonceKernel.NOT_FOUND) {
                DigestWords.putNonce(header, NonceKernel.NONCE_OFFSET, nonce);
                if (board.finish(gen)) {
                    sink.accept(new Solution(job, header, id));
                }
                return;
            }
            // Rolled headers are this worker's alone: it searches their whole range.
            header = job.roller().roll(header.clone());
            if (header == null || board.generation() != gen) {
                return;
            }
            NonceKernel.checkHeader(header);
            from = 0;
            to = limit;
        }
    }

    /** The solving nonce, NOT_FOUND when [from, to) is exhausted, or STOPPED when the job was dropped. */
    private long scan(long from, long to, Target target, long gen) {
        int step = settings.checkInterval();
        for (long start = from; start < to; ) {
            long end = Math.min(to, start + step);
            long nonce = kernel.search(start, end, target);
            counters.add(id, (nonce == NonceKernel.NOT_FOUND ? end : nonce + 1) - start);
            if (nonce != NonceKernel.NOT_FOUND) {
                return nonce;
            }
            if (board.generation() != gen) {
                return STOPPED;
            }
            start = end;
        }
        return NonceKernel.NOT_FOUND;
    }
}
