/**
 * Unconfirmed transactions valid on the current tip. {@link org.nakamoto.chain.mempool.Mempool} is the
 * facade over the parts Core and btcd also separate: admission ({@code MempoolAdmission}, using the consensus
 * input rules blocks use), standardness and relay knobs ({@link org.nakamoto.chain.mempool.MempoolPolicy}),
 * the orphanage ({@code Orphanage}) and the container with fee-rate eviction and reorganisation re-admission
 * ({@code TxPool}).
 *
 * <p>Threads: one monitor, the {@code Mempool}'s, guards every part; its public methods (but
 * {@code policy()} and {@code addListener}) are {@code synchronized}, and the parts, which are not
 * thread-safe, are reached only from inside them. The chain writer calls its listener methods while holding
 * the chain's lock and the mempool never calls a locking {@code ChainState} method, so the locks are always
 * taken chain first, then mempool. {@code MempoolEntry}, {@code MempoolPolicy} and {@code AdmissionOptions}
 * are immutable records.
 */
package org.nakamoto.chain.mempool;
