/**
 * The UTXO model: a coin (an output with its height and coinbase flag), the undo data of a block, read
 * access to a set of coins ({@link org.nakamoto.chain.utxo.UtxoView}), and a cache of pending changes
 * written to its base in one batch.
 *
 * <p>Threads: {@code Coin} and {@code BlockUndo} are immutable records. {@code UtxoCache} and
 * {@code MemoryUtxoSet} are not thread-safe: each has one owner at a time (the chain writer while it
 * connects blocks, or one mempool check).
 */
package org.nakamoto.chain.utxo;
