/**
 * Per-network parameters: {@link org.nakamoto.chain.params.NetworkParams}, loaded from JSON by
 * {@link org.nakamoto.chain.params.ParamsLoader} (which rebuilds the genesis block and checks its hash),
 * and the default data directories.
 *
 * <p>One immutable parameters object per network is passed through constructors; there is no static or
 * thread-local "current network".
 *
 * <p>Threads: {@code NetworkParams} is an immutable record (its checkpoint map and seed list are copied),
 * safe to share; its {@code Builder} (for test variants) is used by one thread and builds a new record.
 * {@code ParamsLoader} and {@code DataDirs} are stateless.
 */
package org.nakamoto.chain.params;
