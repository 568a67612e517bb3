package org.nakamoto.chain.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;

/**
 * The one LevelDB database of a data directory: opening (with crash recovery of torn logs), the metadata
 * written at creation (schema version, genesis hash), verified reads, iteration by prefix, snapshots,
 * the one way to write ({@link #write}) and closing. It knows keys and bytes, not records: the record
 * families ({@link BlockIndexStore}, {@link BlockBodyStore}, {@link UndoStore}, {@link CoinStore}) do.
 *
 * <p>Threads: safe for any number of threads (LevelDB is). Every native call runs under the read lock of
 * {@link #lifecycle}; {@link #close()} takes the write lock, so a late call (a shutdown race) gets a
 * {@link StoreException} instead of the JVM crash leveldbjni gives on a closed database.
 */
final class StoreDatabase implements LevelDbReads, Closeable {
    private static final WriteOptions SYNC = new WriteOptions().sync(true);
    private static final WriteOptions NO_SYNC = new WriteOptions().sync(false);
    /** Every read checks the checksums of the blocks it touches, as Bitcoin Core's reads do; never mutated. */
    private static final ReadOptions VERIFIED = new ReadOptions().verifyChecksums(true);

    private final DB db;
    private final Path dir;
    private final DiskReserve reserve;
    /** Read lock: any native call; write lock: close. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private StoreDatabase(DB db, Path dir, DiskReserve reserve) {
        this.db = db;
        this.dir = dir;
        this.reserve = reserve;
    }

    /**
     * Opens (or creates) the database in {@code dir} for the network in {@code params}. Refuses a store of
     * another network or schema, a corrupt database, and one another process holds open. A log that a
     * crash tore in the middle of an append is cut back to its last complete record first (see
     * {@link StoreOpener}); damage anywhere else is refused.
     */
    static StoreDatabase open(Path dir, NetworkParams params) {
        return open(dir, params, false);
    }

    /** With {@code forReindex}, through {@link StoreOpener#openForReindex} (LevelDB's repair if needed). */
    static StoreDatabase open(Path dir, NetworkParams params, boolean forReindex) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        DiskReserve reserve = new DiskReserve(dir, DiskReserve.RESERVE_BYTES);
        DB db = forReindex ? StoreOpener.openForReindex(dir, reserve) : StoreOpener.open(dir, reserve);
        StoreDatabase store = new StoreDatabase(db, dir, reserve);
        try {
            store.checkMeta(params);
            StoreMarker.write(dir, params.name()); // after the metadata is synced: from now on, never created afresh
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** A new store gets its schema version and network; an existing one must match both. */
    private void checkMeta(NetworkParams params) {
        byte[] schema = get(StoreLayout.META_SCHEMA);
        byte[] genesis = get(StoreLayout.META_GENESIS);
        if (schema == null && genesis == null) {
            try {
                write(b -> {
                    b.put(StoreLayout.META_SCHEMA, ByteBuffer.allocate(4).putInt(StoreLayout.SCHEMA_VERSION).array());
                    b.put(StoreLayout.META_GENESIS, params.genesisHash().toBytes());
                }, true);
            } catch (StoreException e) {
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
    private <T> T whileOpen(Supplier<T> call) {
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

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public byte[] get(byte[] key) {
        return get(key, VERIFIED);
    }

    @Override
    public void forEachWithPrefix(byte prefix, BiConsumer<byte[], byte[]> action) {
        forEachWithPrefix(prefix, VERIFIED, action);
    }

    private byte[] get(byte[] key, ReadOptions ro) {
        return whileOpen(() -> {
            try {
                return db.get(key, ro);
            } catch (DBException e) {
                throw readFailed("a read", e);
            }
        });
    }

    private void forEachWithPrefix(byte prefix, ReadOptions ro, BiConsumer<byte[], byte[]> action) {
        whileOpen(() -> {
            try (DBIterator it = db.iterator(ro)) {
                for (it.seek(new byte[] {prefix}); it.hasNext(); ) {
                    Map.Entry<byte[], byte[]> e = it.next();
                    if (e.getKey().length == 0 || e.getKey()[0] != prefix) {
                        break;
                    }
                    action.accept(e.getKey(), e.getValue());
                }
            } catch (IOException | DBException e) {
                throw readFailed("iteration", e);
            }
            return null;
        });
    }

    /** A read LevelDB refused (a checksum, a damaged table): says so, and what to do. */
    private StoreException readFailed(String what, Exception e) {
        return new StoreException("the block store in " + dir + " is damaged: " + what + " failed ("
                + e.getMessage() + "); stop the node and restart it with --reindex", e);
    }

    /**
     * Writes what {@code fill} puts into one atomic batch; with {@code sync}, durable (fsynced) when this
     * returns. An empty synchronous batch syncs everything written before it. The whole call holds the
     * read lock, so close waits for it and the batch never outlives an open database.
     */
    void write(Consumer<WriteBatch> fill, boolean sync) {
        whileOpen(() -> {
            try (WriteBatch b = db.createWriteBatch()) {
                CountingBatch counted = new CountingBatch(b);
                fill.accept(counted);
                reserve.check(counted.bytes); // before LevelDB maps a byte of it: see DiskReserve
                db.write(b, sync ? SYNC : NO_SYNC);
            } catch (IOException | DBException e) {
                throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Counts the bytes a batch will append to the log, so the free-space check can include them. */
    private static final class CountingBatch implements WriteBatch {
        private final WriteBatch batch;
        private long bytes;

        CountingBatch(WriteBatch batch) {
            this.batch = batch;
        }

        @Override
        public WriteBatch put(byte[] key, byte[] value) {
            bytes += key.length + value.length + 8; // plus the record's type and two length prefixes, about
            batch.put(key, value);
            return this;
        }

        @Override
        public WriteBatch delete(byte[] key) {
            bytes += key.length + 4;
            batch.delete(key);
            return this;
        }

        @Override
        public void close() {
            // the underlying batch is closed by its owner
        }
    }

    /**
     * Up to {@code limit} (key, value) pairs with keys from {@code start} on that still start with
     * {@code start[0]}, in key order; verified like every read. For sampling (the start-up check).
     */
    void forEachFrom(byte[] start, int limit, BiConsumer<byte[], byte[]> action) {
        whileOpen(() -> {
            try (DBIterator it = db.iterator(VERIFIED)) {
                int n = 0;
                for (it.seek(start); it.hasNext() && n < limit; n++) {
                    Map.Entry<byte[], byte[]> e = it.next();
                    if (e.getKey().length == 0 || e.getKey()[0] != start[0]) {
                        break;
                    }
                    action.accept(e.getKey(), e.getValue());
                }
            } catch (IOException | DBException e) {
                throw readFailed("iteration", e);
            }
            return null;
        });
    }

    /** A consistent read-only view of the whole database as of now; close it when done. */
    Snapshot snapshot() {
        return whileOpen(() -> new Snapshot(db.getSnapshot()));
    }

    /** Syncs and closes; later calls fail with StoreException. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            if (reserve.syncAllowed()) { // on a nearly full file system, no write at all: see DiskReserve
                try (WriteBatch b = db.createWriteBatch()) {
                    db.write(b, SYNC);
                } catch (IOException | DBException e) {
                    // still close below; the sync is best effort at this point
                }
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
     * Reads at one instant, under the same lifecycle lock as the database. Thread-safe; close it once to
     * release the LevelDB snapshot.
     */
    final class Snapshot implements LevelDbReads, Closeable {
        private final org.iq80.leveldb.Snapshot snapshot;
        private final ReadOptions ro;

        private Snapshot(org.iq80.leveldb.Snapshot snapshot) {
            this.snapshot = snapshot;
            this.ro = new ReadOptions().verifyChecksums(true).snapshot(snapshot);
        }

        @Override
        public Path directory() {
            return dir;
        }

        @Override
        public byte[] get(byte[] key) {
            return StoreDatabase.this.get(key, ro);
        }

        @Override
        public void forEachWithPrefix(byte prefix, BiConsumer<byte[], byte[]> action) {
            StoreDatabase.this.forEachWithPrefix(prefix, ro, action);
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
