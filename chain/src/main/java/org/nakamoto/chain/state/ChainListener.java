package org.nakamoto.chain.state;

import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Transaction;

/**
 * A subscriber to {@link ChainEvents} with one method per event kind, for subscribers that prefer
 * methods to a switch. It hears events in order, after the change was written and the mempool updated,
 * with no lock held. Implementations must be quick and must not wait for the chain writer: they hand
 * work off (to an event loop, the miner, a queue).
 */
public interface ChainListener extends java.util.function.Consumer<ChainEvent> {
    default void blockConnected(Block block, BlockNode node) {
    }

    default void blockDisconnected(Block block, BlockNode node) {
    }

    /** The tip moved; {@code reorganised} is true when blocks were disconnected on the way. */
    default void tipChanged(BlockNode tip, boolean reorganised) {
    }

    default void transactionAdded(Transaction tx, long fee) {
    }

    default void transactionRemoved(Transaction tx, ChainEvent.Why why) {
    }

    @Override
    default void accept(ChainEvent e) {
        if (e instanceof ChainEvent.BlockConnected c) {
            blockConnected(c.block(), c.node());
        } else if (e instanceof ChainEvent.BlockDisconnected d) {
            blockDisconnected(d.block(), d.node());
        } else if (e instanceof ChainEvent.TipChanged t) {
            tipChanged(t.tip(), t.reorganised());
        } else if (e instanceof ChainEvent.TransactionAdded a) {
            transactionAdded(a.tx(), a.fee());
        } else if (e instanceof ChainEvent.TransactionRemoved r) {
            transactionRemoved(r.tx(), r.why());
        }
    }
}
