package org.nakamoto.chain.store;

import static org.fusesource.leveldbjni.JniDBFactory.factory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    /** Serialises opens in this JVM, so that recovery never touches a database another open just took. */
    private static final Object OPENING = new Object();

    private final DB db;
    private final Path dir;
    /** Read lock: any native call; write lock: close. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private StoreDatabase(DB db, Path dir) {
        this.db = db;
        this.dir = dir;
    }

    /**
     * Opens (or creates) the database in {@code dir} for the network in {@code params}. Refuses a store of
     * another network or schema, a corrupt database, and one another process holds open. A log that a
     * crash tore in the middle of an append is cut back to its last complete record first (see
     * {@link TornLogTail}); damage anywhere else is refused.
     */
    static StoreDatabase open(Path dir, NetworkParams params) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        DB db;
        synchronized (OPENING) {
            db = openDatabase(dir);
        }
        StoreDatabase store = new StoreDatabase(db, dir);
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
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("corrupt");
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
                throw new StoreException("read failed in " + dir + ": " + e.getMessage(), e);
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
            } catch (IOException e) {
                throw new StoreException("iteration failed in " + dir + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    /**
     * Writes what {@code fill} puts into one atomic batch; with {@code sync}, durable (fsynced) when this
     * returns. An empty synchronous batch syncs everything written before it. The whole call holds the
     * read lock, so close waits for it and the batch never outlives an open database.
     */
    void write(Consumer<WriteBatch> fill, boolean sync) {
        whileOpen(() -> {
            try (WriteBatch b = db.createWriteBatch()) {
                fill.accept(b);
                db.write(b, sync ? SYNC : NO_SYNC);
            } catch (IOException | DBException e) {
                throw new StoreException("write failed in " + dir + ": " + e.getMessage(), e);
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
