/**
 * Persistent chain state in one LevelDB database: block index, block bodies, undo data, the UTXO set and
 * the tip. The key schema is in {@code StoreLayout} and docs/storage.md.
 *
 * <p>Parts: {@link org.nakamoto.chain.store.ChainStore} is the facade the rest of the node uses; it decides
 * which records change together (a connect or a disconnect is one atomic write batch, a block body goes
 * with its index record) and how durably. Below it, {@code StoreDatabase} owns the database (opening
 * through {@code StoreOpener}, which cuts log tails a crash tore with {@code TornLogTail}; metadata;
 * verified reads; snapshots; the one write-batch helper, which asks {@code DiskReserve} for free space
 * first; closing), and one small class per record family
 * turns keys and bytes into records: {@code BlockIndexStore} ({@code H}), {@code BlockBodyStore}
 * ({@code B}), {@code UndoStore} ({@code U}) and {@code CoinStore} ({@code C} and the tip). A family reads
 * through {@code LevelDbReads}, so the same class reads the live database or one snapshot.
 *
 * <p>Integrity (docs/storage.md, "Opening" and "Rebuilding"): {@code StoreMarker} keeps LevelDB from
 * creating a new database over a lost one; {@code TableFiles} compares the table files with the sizes the
 * MANIFEST recorded; {@link org.nakamoto.chain.store.StoreCheck} reads the last blocks, their undo data and
 * a sample of coins at every open (Core's -checkblocks); {@code ChainStore.openForReindex} and
 * {@code beginReindex} prepare a --reindex. Refusals are {@link org.nakamoto.chain.store.StoreException}s
 * naming the file or record; {@link org.nakamoto.chain.store.LowDiskSpaceException} says the disk is too
 * full to write.
 *
 * <p>Threads: LevelDB is safe for concurrent readers and writers. Every native call holds the database's
 * lifecycle read lock and closing takes its write lock, since leveldbjni crashes the JVM on a closed
 * database. Only the chain writer calls the mutating methods of {@code ChainStore}; chain state hands
 * everyone else a {@link org.nakamoto.chain.store.StoreReader}, whose methods any thread may call, or a
 * snapshot for a consistent view over several reads. {@code IndexRecord} and {@code UtxoStats} are
 * immutable records; {@code TornLogTail} runs only while the store is closed and its lock is held.
 */
package org.nakamoto.chain.store;
