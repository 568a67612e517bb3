package org.nakamoto.miner;

/**
 * Receives solutions, on the worker thread that found one. The node plugs in its normal block validation here;
 * it should hand the block off rather than validate on the miner thread for long.
 */
@FunctionalInterface
public interface SolutionSink {
    void accept(Solution solution);
}
