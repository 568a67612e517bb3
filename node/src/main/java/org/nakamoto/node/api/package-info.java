/**
 * nakamotod's RPC methods, one class per Core category, all registered by
 * {@link org.nakamoto.node.api.NodeRpc}, plus the JSON shapes Core prints (transactions, scripts,
 * descriptors).
 *
 * <p>Threads: handlers run on the RPC server's worker pool, several at once. They read the chain's immutable
 * {@code ActiveChain} snapshot and LevelDB snapshots without locking; anything that changes chain state or
 * the mempool runs on the chain thread ({@code ChainExecutor}) while the worker waits. Network calls answer
 * with a Vert.x future the worker waits for. No handler runs on an event loop.
 */
package org.nakamoto.node.api;
