/**
 * Unconfirmed transactions valid on the current tip. {@link org.nakamoto.chain.mempool.Mempool} is the
 * facade over the parts Core and btcd also separate: admission ({@code MempoolAdmission}, using the consensus
 * input rules blocks use), standardness and relay knobs ({@link org.nakamoto.chain.mempool.MempoolPolicy}),
 * the orphanage ({@code Orphanage}) and the container with fee-rate eviction and reorganisation re-admission
 * ({@code TxPool}). {@link org.nakamoto.chain.mempool.MempoolView} is the read-only face for everyone else,
 * {@link org.nakamoto.chain.mempool.MempoolWriter} the way RPC handlers change it.
 *
 * <p>Threads: changes run on the chain writer's thread only ({@code Mempool.attach} ties a pool to its
 * chain; each changing method checks the thread), so they stay ordered with blocks. One monitor, the
 * {@code Mempool}'s, guards every part so that readers on other threads see a consistent pool; the parts,
 * which are not thread-safe, are reached only from inside it. The chain writer calls the
 * {@code MempoolUpdates} methods while holding the chain's lock and the mempool never calls a locking
 * {@code ChainState} method, so the locks are always taken chain first, then mempool. Admissions and
 * removals (with Core's reasons) are reported on the chain's one event channel. {@code MempoolEntry},
 * {@code MempoolPolicy} and {@code AdmissionOptions} are immutable records.
 */
package org.nakamoto.chain.mempool;
