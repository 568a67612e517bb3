/**
 * The block tree, fork choice and the active chain over a {@link org.nakamoto.chain.store.ChainStore}:
 * {@link org.nakamoto.chain.state.ChainState} accepts headers and blocks, connects and disconnects them, and
 * tells {@link org.nakamoto.chain.state.ChainListener}s what it did.
 *
 * <p>Threads: one writer. The mutating methods of {@code ChainState} are {@code synchronized} and called
 * from one chain thread; listeners run on that thread, inside that lock, and must hand work off.
 * Readers do not lock: {@link org.nakamoto.chain.state.ActiveChain} is an immutable snapshot published
 * through a volatile field, nodes are looked up in a concurrent map, and a
 * {@link org.nakamoto.chain.state.BlockNode} is final except for its status flags (volatile, written only by
 * the writer). {@code OrphanBlocks} is owned by the writer.
 */
package org.nakamoto.chain.state;
