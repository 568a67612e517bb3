/**
 * Per-network parameters: {@link org.nakamoto.chain.params.NetworkParams}, loaded from JSON by
 * {@link org.nakamoto.chain.params.ParamsLoader} (which rebuilds the genesis block and checks its hash),
 * with the soft-fork deployments ({@link org.nakamoto.chain.params.SoftForks}) and the tie-break rule
 * ({@link org.nakamoto.chain.params.TieBreak}) as data, and the default data directories. The file format is
 * documented in {@code docs/parameters.md}. {@link org.nakamoto.chain.params.Addresses} reads and writes every
 * address form of a network (Base58Check, bech32 for witness v0, bech32m for v1 and later), refusing with Core's
 * DecodeDestination errors.
 *
 * <p>One immutable parameters object per network is passed through constructors; there is no static or
 * thread-local "current network".
 *
 * <p>Threads: {@code NetworkParams} and {@code SoftForks} are immutable records (their maps and lists are copied),
 * safe to share; its {@code Builder} (for test variants) is used by one thread and builds a new record.
 * {@code ParamsLoader}, {@code DataDirs} and {@code Addresses} are stateless.
 */
package org.nakamoto.chain.params;
