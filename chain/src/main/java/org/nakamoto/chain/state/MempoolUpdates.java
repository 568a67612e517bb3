package org.nakamoto.chain.state;

import org.nakamoto.chain.model.Block;

/**
 * What the chain writer keeps current by direct calls inside its task, before any event about the change
 * is published: the mempool. Called on the writer's thread, holding the writer's monitor; the
 * implementation may take its own lock (order: chain, then mempool) and must never call a
 * {@link ChainState} mutator.
 */
public interface MempoolUpdates {
    /** The block was connected: drop (and report) what it confirmed and what now conflicts with it. */
    void blockConnected(Block block, BlockNode node);

    /** The block was disconnected: keep its transactions for re-admission. */
    void blockDisconnected(Block block, BlockNode node);

    /** The tip moved; after a reorganisation, re-admit on the new tip. */
    void tipChanged(BlockNode tip, boolean reorganised);
}
