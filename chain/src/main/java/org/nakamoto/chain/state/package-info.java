/**
 * The block tree, fork choice and the active chain over a {@link org.nakamoto.chain.store.ChainStore}:
 * {@link org.nakamoto.chain.state.ChainState} accepts headers and blocks, connects and disconnects them, and
 * publishes what it did as {@link org.nakamoto.chain.state.ChainEvent}s on one ordered channel
 * ({@link org.nakamoto.chain.state.ChainEvents}); {@code BlockTree} holds every known header.
 * {@link org.nakamoto.chain.state.Reindexer} (--reindex) feeds a store's own block bodies back through
 * {@code acceptBlock} to rebuild the index and UTXO set. A store failure halts the writer (see
 * {@link org.nakamoto.chain.state.ChainWriter}), and the node stops.
 *
 * <p>Threads: one writer, enforced by the types and checked at run time. The
 * {@link org.nakamoto.chain.state.ChainWriter} owns the writer thread and hands the {@code ChainState} only
 * to tasks running on it; everyone else holds a read-only {@link org.nakamoto.chain.state.ChainView}. Every
 * mutator refuses a call from any thread but the one that opened the state. Events are delivered after the
 * task's change, outside the chain's lock. Readers do not lock:
 * {@link org.nakamoto.chain.state.ActiveChain} is an immutable snapshot published through a volatile field,
 * nodes are looked up in a concurrent map, and a {@link org.nakamoto.chain.state.BlockNode} is final except
 * for its status flags (volatile, written only by the writer). {@code OrphanBlocks} is owned by the writer.
 */
package org.nakamoto.chain.state;
