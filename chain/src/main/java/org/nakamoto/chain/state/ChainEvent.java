package org.nakamoto.chain.state;

import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Transaction;

/**
 * Something the chain writer or the mempool did, published on the one {@link ChainEvents} channel in the
 * order it happened. Events are immutable and published after the change they describe is written and
 * after the mempool has been brought up to date, so a subscriber never sees a block before the mempool
 * reflects it.
 */
public sealed interface ChainEvent {
    /** A block became part of the active chain. */
    record BlockConnected(Block block, BlockNode node) implements ChainEvent {
    }

    /** A block left the active chain (a reorganisation or invalidateblock). */
    record BlockDisconnected(Block block, BlockNode node) implements ChainEvent {
    }

    /** The tip moved; {@code reorganised} is true when blocks were disconnected on the way. */
    record TipChanged(BlockNode tip, boolean reorganised) implements ChainEvent {
    }

    /** The mempool admitted a transaction (relayed, submitted, or re-admitted after a reorganisation). */
    record TransactionAdded(Transaction tx, long fee) implements ChainEvent {
    }

    /** A mempool transaction left the pool. */
    record TransactionRemoved(Transaction tx, Why why) implements ChainEvent {
    }

    /** Why a transaction left the mempool. */
    enum Why {
        /** A connected block confirmed it. */
        IN_BLOCK,
        /** A connected block spent one of its inputs, or an ancestor's (Core's CONFLICT). */
        CONFLICT,
        /** Evicted, with its descendants, as the lowest fee rate when the pool outgrew its size (SIZELIMIT). */
        SIZE_LIMIT,
        /** No longer valid on the chain a reorganisation moved to (Core's REORG). */
        REORG
    }
}
