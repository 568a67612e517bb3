package org.nakamoto.chain.state;

import org.nakamoto.chain.model.Block;

/**
 * Hears what the chain writer did, in order, on the writer's thread, after the store is written.
 * Implementations must be quick and must not call back into {@link ChainState}: they hand work off
 * (to an event loop, the miner, a queue).
 */
public interface ChainListener {
    default void blockConnected(Block block, BlockNode node) {
    }

    default void blockDisconnected(Block block, BlockNode node) {
    }

    /** The tip moved; {@code reorganised} is true when blocks were disconnected on the way. */
    default void tipChanged(BlockNode tip, boolean reorganised) {
    }

    /** A block arrived whose parent is unknown; the network layer may fetch the missing ancestors. */
    default void orphanBlock(Block orphan) {
    }
}
