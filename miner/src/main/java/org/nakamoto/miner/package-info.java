/**
 * Mining in three pieces, as bcoin splits them: block templates from the tip and a
 * {@link org.nakamoto.miner.TxSource} ({@link org.nakamoto.miner.TemplateBuilder}), the multi-threaded
 * nonce search over headers ({@link org.nakamoto.miner.NonceSearcher} with its SHA-256d kernels), and the
 * loop that keeps the search fed as the tip moves ({@link org.nakamoto.miner.Miner}). Depends on chain
 * only; found blocks go back through {@link org.nakamoto.miner.BlockSubmitter}, the normal validation path.
 *
 * <p>Threads: templates, jobs and solutions ({@code BlockTemplate}, {@code MiningJob}, {@code Solution},
 * {@code Target}, {@code SearchSettings}) are immutable. Each search worker owns its own
 * {@code NonceKernel}. {@code JobBoard} guards its fields with its own monitor (the generation is also
 * volatile, for the workers' lock-free check); each slot of {@code HashCounters} has a single writer, its
 * worker. {@code TemplateBuilder} is stateless and {@code TemplateRoller} thread-safe. {@code Miner} builds
 * templates on its one control thread; the chain writer only cancels and enqueues through its listener
 * methods.
 */
package org.nakamoto.miner;
