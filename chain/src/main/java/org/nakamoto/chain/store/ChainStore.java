package org.nakamoto.chain.store;

import static org.fusesource.leveldbjni.JniDBFactory.factory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Consumer;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.Snapshot;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;
import org.nakamoto.chain.utxo.UtxoView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's persistent state in one LevelDB database (layout in {@link StoreLayout} and
 * docs/storage.md): block index, block bodies, undo data, UTXO set and tip.
 *
 * <p>Crash safety: every change to the chain (a connect or a disconnect: UTXO changes, undo data and
 * the new tip) is one atomic WriteBatch, so the store is always on a tip with exactly that tip's UTXO
 * set. Block bodies and index records are written synchronously (fsync) before acceptance returns, so
 * nothing accepted is ever lost. Connect and disconnect batches are not fsynced on their own: LevelDB's
 * log is sequential, so after a power failure the store recovers a prefix of the batches (a consistent,
 * older tip) and reopening reconnects the rest from the synced bodies; a process crash loses nothing,
 * since the operating system still holds the writes. The next synchronous write syncs them anyway.
 *
 * <p>Concurrency: LevelDB is safe for concurrent readers and writers. By design only the chain writer
 * calls the mutating methods; readers may call the getters from any thread, or take a
 * {@link #snapshot()} for a consistent view across several reads.
 */
public final class ChainStore implements Closeable {
    private static final WriteOptions SYNC = new WriteOptions().sync(true);
    private static final WriteOptions NO_SYNC = new WriteOptions().sync(false);
    /** Every read checks the checksums of the blocks it touches, as Bitcoin Core's reads do; never mutated. */
    private static final ReadOptions VERIFIED = new ReadOptions().verifyChecksums(true);
    private static final Logger LOG = LoggerFactory.getLogger(ChainStore.class);
    /** Serialises opens in this JVM, so that recovery never touches a database another open just took. */
    private static final Object OPENING = new Object();

    private final DB db;
    private final Path dir;
    /** Set by a bulk import whose source file already holds the bodies; read by the writer. */
    private volatile boolean deferBodySync;
    /**
     * Every native call holds the read lock; {@link #close()} takes the write lock. leveldbjni crashes the
     * JVM on a closed database, so a late caller (a shutdown race) gets a StoreException instead.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;

    private ChainStore(DB db, Path dir) {
        this.db = db;
        this.dir = dir;
    }

    /**
     * Opens (or creates) the store in {@code dir} for the network in {@code params}. Refuses a store of
     * another network or schema, a corrupt database, and one another process holds open. A log that a
     * crash tore in the middle of an append is cut back to its last complete record first (see
     * {@link TornLogTail}); damage anywhere else is refused.
     */
    public static ChainStore open(Path dir, NetworkParams params) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        DB db;
        synchronized (OPENING) {
            db = openDatabase(dir);
        }
        ChainStore store = new ChainStore(db, dir);
        try {
            store.checkMeta(params);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Paranoid checks stay on: LevelDB then refuses damage in synced data (a log record, a table block
     * read by a compaction) instead of silently dropping it. The one damage a crash leaves by itself, a
     * torn log tail, is cut before a second try.
     */
    private static DB openDatabase(Path dir) {
        try {
            return openOnce(dir);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof Exception cause) || !isCorruption(cause)) {
                throw e;
            }
            List<TornLogTail.Cut> cuts = cutTornTails(dir);
            if (cuts.isEmpty()) {
                throw corrupt(dir, cause.getMessage() + "; this is not a log torn by a crash but damage to data"
                        + " written earlier", cause);
            }
            cuts.forEach(c -> LOG.warn("recovering the block store in {} after a crash: {}", dir, c));
            try {
                return openOnce(dir);
            } catch (StoreException again) {
                Throwable c = again.getCause() != null ? again.getCause() : again;
                throw isCorruption(c) ? corrupt(dir, c.getMessage() + " (after cutting a torn log tail)", c) : again;
            }
        }
    }

    private static DB openOnce(Path dir) {
        Options options = new Options().createIfMissing(true).paranoidChecks(true).cacheSize(64L << 20);
        try {
            return factory.open(dir.toFile(), options);
        } catch (IOException | DBException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) {
                throw new StoreException("the block store in " + dir + " is in use by another process (" + m + ")", e);
            }
            throw new StoreException("cannot open the block store in " + dir + ": " + m, e);
        }
    }

    private static boolean isCorruption(Throwable e) {
        return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("corrupt");
    }

    private static StoreException corrupt(Path dir, String detail, Throwable cause) {
        return new StoreException("the block store in " + dir + " is corrupt (" + detail
                + "); move it aside and resync or re-import", cause);
    }

    /**
     * Cuts torn log tails while holding the database's LOCK file, so that no other process writes the
     * logs meanwhile. Within this JVM, {@link #OPENING} keeps other opens out; a store open here would
     * have made the first open fail with a lock error, never reaching this point.
     */
    private static List<TornLogTail.Cut> cutTornTails(Path dir) {
        try (FileChannel lockFile = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new StoreException("the block store in " + dir + " is in use by another process");
            }
            return TornLogTail.repair(dir);
        } catch (IOException e) {
            throw new StoreException("cannot recover the block store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void checkMeta(NetworkParams params) {
        byte[] schema = get(StoreLayout.META_SCHEMA);
        byte[] genesis = get(StoreLayout.META_GENESIS);
        if (schema == null && genesis == null) {
            try (WriteBatch b = batch()) {
                b.put(StoreLayout.META_SCHEMA, ByteBuffer.allocate(4).putInt(StoreLayout.SCHEMA_VERSION).array());
                b.put(StoreLayout.META_GENESIS, params.genesisHash().toBytes());
                db.write(b, SYNC);
            } catch (IOException | DBException e) {
                throw new StoreException("cannot initialise the block store in " + dir + ": " + e.getMessage(), e);
            }
            return;
        }
        if (schema == null || schema.length != 4 || genesis == null || genesis.length != 32) {
            throw new StoreException("the block store in " + dir + " is corrupt: its metadata is incomplete");
        }
        int version = ByteBuffer.wrap(schema).getInt();
        if (version != StoreLayout.SCHEMA_VERSION) {
            throw new StoreException("the block store in " + dir + " has schema version " + version
                    + "; this node reads version " + StoreLayout.SCHEMA_VERSION);
        }
        if (!Hash256.wrap(genesis).equals(params.genesisHash())) {
            throw new StoreException("the block store in " + dir + " belongs to the network with genesis "
                    + Hash256.wrap(genesis) + ", not " + params.name() + " (" + params.genesisHash() + ")");
        }
    }

    /** Runs a native call with the database known to be open. */
    private <T> T open(java.util.function.Supplier<T> call) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("the block store in " + dir + " is closed");
            }
            return call.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private byte[] get(byte[] key) {
        return open(() -> {
            try {
                return db.get(key, VERIFIED);
            } catch (DBException e) {
                throw new StoreException("read failed in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    private void write(WriteBatch batch) {
        write(batch, SYNC);
    }

    private void write(WriteBatch batch, WriteOptions options) {
        open(() -> {
            try {
                db.write(batch, options);
                return null;
            } catch (DBException e) {
                throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /** A new write batch; creating one touches the native library, so it is guarded like any call. */
    private WriteBatch batch() {
        return open(db::createWriteBatch);
    }

    // ---- reads

    public Path directory() {
        return dir;
    }

    /** The stored tip, or null for a store that has connected nothing yet. */
    public Hash256 tip() {
        byte[] t = get(StoreLayout.META_TIP);
        return t == null ? null : Hash256.wrap(t);
    }

    public IndexRecord index(Hash256 hash) {
        byte[] raw = get(StoreLayout.hashKey(StoreLayout.INDEX, hash));
        return raw == null ? null : parse(() -> IndexRecord.parse(raw), "index record " + hash);
    }

    /** Every index record, in key order. */
    public void forEachIndex(Consumer<IndexRecord> action) {
        forEachWithPrefix(StoreLayout.INDEX, (k, v) -> action.accept(parse(() -> IndexRecord.parse(v), "index record")));
    }

    public Block block(Hash256 hash) {
        byte[] raw = get(StoreLayout.hashKey(StoreLayout.BODY, hash));
        return raw == null ? null : parse(() -> Block.parse(raw), "block " + hash);
    }

    public byte[] blockBytes(Hash256 hash) {
        return get(StoreLayout.hashKey(StoreLayout.BODY, hash));
    }

    public BlockUndo undo(Hash256 hash) {
        byte[] raw = get(StoreLayout.hashKey(StoreLayout.UNDO, hash));
        return raw == null ? null : parse(() -> BlockUndo.parse(raw), "undo data " + hash);
    }

    /** The UTXO set as it is now: each read sees the latest write. */
    public UtxoView utxo() {
        return op -> {
            byte[] raw = get(StoreLayout.coinKey(op));
            return raw == null ? null : parse(() -> Coin.parse(raw), "coin " + op);
        };
    }

    /** A consistent read-only view of the whole store as of now; close it when done. */
    public StoreSnapshot snapshot() {
        return open(() -> new StoreSnapshot(db.getSnapshot()));
    }

    private <T> T parse(java.util.function.Supplier<T> p, String what) {
        try {
            return p.get();
        } catch (ParseException e) {
            throw new StoreException("the block store in " + dir + " is corrupt: " + what + ": " + e.getMessage(), e);
        }
    }

    private void forEachWithPrefix(byte prefix, java.util.function.BiConsumer<byte[], byte[]> action) {
        forEachWithPrefix(prefix, VERIFIED, action);
    }

    private void forEachWithPrefix(byte prefix, ReadOptions ro, java.util.function.BiConsumer<byte[], byte[]> action) {
        open(() -> {
            try (DBIterator it = db.iterator(ro)) {
                for (it.seek(new byte[] {prefix}); it.hasNext(); ) {
                    Map.Entry<byte[], byte[]> e = it.next();
                    if (e.getKey().length == 0 || e.getKey()[0] != prefix) {
                        break;
                    }
                    action.accept(e.getKey(), e.getValue());
                }
            } catch (IOException e) {
                throw new StoreException("iteration failed in " + dir + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    // ---- writes: called by the chain writer only

    /**
     * While on, block bodies are written without their own fsync. Only for bulk imports whose source file
     * already holds every body (as Bitcoin Core's -loadblock does): a process crash still loses nothing,
     * and the importer calls {@link #flush()} periodically and at the end.
     */
    public void deferBodySync(boolean on) {
        deferBodySync = on;
        if (!on) {
            flush();
        }
    }

    /** Stores a block body with its index record; durable when this returns (unless bodies are deferred). */
    public void putBlock(Block block, IndexRecord record) {
        try (WriteBatch b = batch()) {
            b.put(StoreLayout.hashKey(StoreLayout.BODY, block.hash()), block.serialize());
            b.put(StoreLayout.hashKey(StoreLayout.INDEX, block.hash()), record.serialize());
            write(b, deferBodySync ? NO_SYNC : SYNC);
        } catch (IOException e) {
            throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    public void putIndex(IndexRecord record) {
        putIndexes(java.util.List.of(record));
    }

    /** Index records; synchronous unless a bulk import deferred syncs (its file holds the headers too). */
    public void putIndexes(java.util.Collection<IndexRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try (WriteBatch b = batch()) {
            for (IndexRecord r : records) {
                b.put(StoreLayout.hashKey(StoreLayout.INDEX, r.header().hash()), r.serialize());
            }
            write(b, deferBodySync ? NO_SYNC : SYNC);
        } catch (IOException e) {
            throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects a block in one atomic batch: its UTXO changes, its undo data, its index status and the
     * new tip. Clears {@code changes}.
     */
    public void connect(IndexRecord block, UtxoCache changes, BlockUndo undo) {
        Hash256 hash = block.header().hash();
        try (WriteBatch b = batch()) {
            putCoins(b, changes);
            b.put(StoreLayout.hashKey(StoreLayout.UNDO, hash), undo.serialize());
            b.put(StoreLayout.hashKey(StoreLayout.INDEX, hash), block.serialize());
            b.put(StoreLayout.META_TIP, hash.toBytes());
            write(b, NO_SYNC);
        } catch (IOException e) {
            throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
        }
        changes.clear();
    }

    /** Disconnects the tip in one atomic batch: the restored UTXO changes and the new (parent) tip. */
    public void disconnect(Hash256 blockHash, Hash256 newTip, UtxoCache changes) {
        try (WriteBatch b = batch()) {
            putCoins(b, changes);
            b.delete(StoreLayout.hashKey(StoreLayout.UNDO, blockHash));
            b.put(StoreLayout.META_TIP, newTip.toBytes());
            write(b, NO_SYNC);
        } catch (IOException e) {
            throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
        }
        changes.clear();
    }

    /** Sets the tip without UTXO changes: used once, to record the genesis block as the starting tip. */
    public void setTip(Hash256 tip) {
        try (WriteBatch b = batch()) {
            b.put(StoreLayout.META_TIP, tip.toBytes());
            write(b);
        } catch (IOException e) {
            throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void putCoins(WriteBatch b, UtxoCache changes) {
        for (Map.Entry<OutPoint, Coin> e : changes.changes().entrySet()) {
            byte[] key = StoreLayout.coinKey(e.getKey());
            if (e.getValue() == null) {
                b.delete(key);
            } else {
                b.put(key, e.getValue().serialize());
            }
        }
    }

    /** Forces everything written so far to disk (an empty synchronous batch syncs the log). */
    public void flush() {
        try (WriteBatch b = batch()) {
            write(b, SYNC);
        } catch (IOException e) {
            throw new StoreException("flush failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Flushes and closes; later calls fail with StoreException. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            try (WriteBatch b = db.createWriteBatch()) {
                db.write(b, SYNC);
            } catch (IOException | DBException e) {
                // still close below; the sync is best effort at this point
            }
            closed = true;
            db.close();
        } catch (IOException e) {
            throw new StoreException("close failed in " + dir + ": " + e.getMessage(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * The digest {@link StoreSnapshot#utxoStats()} would give for a UTXO set held elsewhere (in memory),
     * so a store can be compared with a from-scratch rebuild.
     */
    public static Hash256 digestOf(Map<OutPoint, Coin> coins) {
        java.util.TreeMap<byte[], byte[]> sorted = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
        coins.forEach((op, c) -> sorted.put(StoreLayout.coinKey(op), c.serialize()));
        MessageDigest md = Hashes.newSha256();
        sorted.forEach((k, v) -> {
            md.update(k);
            md.update(v);
        });
        return Hash256.wrap(Hashes.sha256(md.digest()));
    }

    /** Totals over the UTXO set and a digest of it, all read from one consistent snapshot. */
    public record UtxoStats(long coins, long totalSatoshis, Hash256 digest, long serializedBytes) {
    }

    /** A read-only view of the store at one instant. Close it to release the LevelDB snapshot. */
    public final class StoreSnapshot implements UtxoView, Closeable {
        private final Snapshot snapshot;
        private final ReadOptions ro;

        private StoreSnapshot(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.ro = new ReadOptions().verifyChecksums(true).snapshot(snapshot);
        }

        @Override
        public Coin get(OutPoint op) {
            byte[] raw = open(() -> {
                try {
                    return db.get(StoreLayout.coinKey(op), ro);
                } catch (DBException e) {
                    throw new StoreException("read failed in " + dir + ": " + e.getMessage(), e);
                }
            });
            return raw == null ? null : parse(() -> Coin.parse(raw), "coin " + op);
        }

        public Hash256 tip() {
            byte[] t = open(() -> db.get(StoreLayout.META_TIP, ro));
            return t == null ? null : Hash256.wrap(t);
        }

        /**
         * Walks the whole UTXO set in key order. The digest is SHA-256d over every (key, value) pair, so
         * two stores hold the same set exactly when their digests agree.
         */
        public UtxoStats utxoStats() {
            MessageDigest md = Hashes.newSha256();
            long[] totals = new long[3];
            forEachWithPrefix(StoreLayout.COIN, ro, (k, v) -> {
                md.update(k);
                md.update(v);
                Coin c = parse(() -> Coin.parse(v), "coin");
                totals[0]++;
                totals[1] += c.output().value();
                totals[2] += k.length + v.length;
            });
            return new UtxoStats(totals[0], totals[1], Hash256.wrap(Hashes.sha256(md.digest())), totals[2]);
        }

        /** Every unspent coin, in key order. */
        public void forEachCoin(java.util.function.BiConsumer<OutPoint, Coin> action) {
            forEachWithPrefix(StoreLayout.COIN, ro,
                    (k, v) -> action.accept(StoreLayout.coinKeyToOutPoint(k), parse(() -> Coin.parse(v), "coin")));
        }

        @Override
        public void close() {
            lifecycle.readLock().lock();
            try {
                if (!closed) { // a closed database released its snapshots already
                    snapshot.close();
                }
            } catch (IOException e) {
                throw new StoreException("cannot release snapshot: " + e.getMessage(), e);
            } finally {
                lifecycle.readLock().unlock();
            }
        }
    }
}
