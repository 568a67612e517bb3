package org.nakamoto.miner;

import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;

/** Hands a found block to the chain's normal validation path (on the chain writer's thread). */
@FunctionalInterface
public interface BlockSubmitter {
    /** Blocks until the chain has accepted or rejected the block. */
    void submit(Block block) throws ValidationException;
}
