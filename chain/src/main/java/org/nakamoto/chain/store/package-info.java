/**
 * Persistent chain state in one LevelDB database: block index, block bodies, undo data, the UTXO set and
 * the tip. The key schema is in {@code StoreLayout} and docs/storage.md; each connect or disconnect is one
 * atomic write batch.
 *
 * <p>Threads: LevelDB is safe for concurrent readers and writers. Only the chain writer calls the mutating
 * methods of {@link org.nakamoto.chain.store.ChainStore}; readers call its getters from any thread, or take a
 * snapshot for a consistent view over several reads. {@code IndexRecord} is an immutable record;
 * {@code TornLogTail} runs only while the store is closed and its lock is held.
 */
package org.nakamoto.chain.store;
