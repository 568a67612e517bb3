package org.nakamoto.miner;

/**
 * Fresh work for a worker that has searched every nonce of its header: typically the block-template builder
 * bumps the coinbase's extra-nonce (a new merkle root) or the header time. The template builder implements this;
 * the searcher knows nothing of templates.
 *
 * <p>Called from worker threads, possibly at the same time, so implementations must be thread-safe, and every
 * header returned must differ from every other header handed out for the job (including the job's first header),
 * since the worker searches the whole nonce range of what it gets, alone. That is what keeps workers' work disjoint.
 */
@FunctionalInterface
public interface JobRoller {
    /** For jobs that cannot be rolled: an exhausted worker goes idle until the next job. */
    JobRoller NONE = exhausted -> null;

    /**
     * A new 80-byte header for the same job, or null if there is none; the nonce bytes are ignored.
     *
     * @param exhausted the header the worker just finished (a copy it may keep)
     */
    byte[] roll(byte[] exhausted);
}
