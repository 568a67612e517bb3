/**
 * Unconfirmed transactions valid on the current tip: admission (consensus input checks and relay policy),
 * the pool with fee-rate eviction, the orphanage, and re-admission after a reorganisation.
 *
 * <p>Threads: every public method of {@link org.nakamoto.chain.mempool.Mempool} is {@code synchronized} on
 * the mempool. The chain writer calls its listener methods while holding the chain's lock and the mempool
 * never calls a locking {@code ChainState} method, so the locks are always taken chain first, then mempool.
 * {@code MempoolEntry} and {@code MempoolPolicy} are immutable records.
 */
package org.nakamoto.chain.mempool;
