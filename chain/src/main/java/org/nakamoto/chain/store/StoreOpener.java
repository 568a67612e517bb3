package org.nakamoto.chain.store;

import static org.fusesource.leveldbjni.JniDBFactory.factory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the LevelDB database of a store with paranoid checks, recovering from the one damage a crash
 * leaves by itself: a log torn in the middle of an append ({@link TornLogTail}, docs/storage.md). Any
 * other damage is refused with a message naming the directory. Before LevelDB sees the directory: a store
 * that has held a chain is never created afresh ({@link StoreMarker}), its table files must have the
 * sizes its MANIFEST recorded ({@link TableFiles}), and the file system must have the free space the
 * {@link DiskReserve} asks for. Only {@link #openForReindex} lets LevelDB repair a damaged directory.
 *
 * <p>Threads: opens are serialised in this JVM ({@link #OPENING}); across processes, LevelDB's LOCK file.
 */
final class StoreOpener {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);
    /** Serialises opens in this JVM, so that recovery never touches a database another open just took. */
    private static final Object OPENING = new Object();

    private StoreOpener() {
    }

    static DB open(Path dir, DiskReserve reserve) {
        synchronized (OPENING) {
            reserve.checkOpen();
            boolean create = StoreMarker.checkBeforeOpen(dir);
            TableFiles.check(dir);
            return openDatabase(dir, create);
        }
    }

    /**
     * For {@code --reindex}: where the plain open would refuse the directory (no CURRENT, a damaged or
     * missing table, corruption LevelDB reports), runs LevelDB's repair first, which rebuilds a MANIFEST
     * from the tables and logs it can read and moves unreadable files into {@code lost/} (it deletes none).
     * The caller then rebuilds the index and UTXO set from the stored bodies.
     */
    static DB openForReindex(Path dir, DiskReserve reserve) {
        synchronized (OPENING) {
            reserve.checkOpen();
            boolean create;
            try {
                create = StoreMarker.checkBeforeOpen(dir);
                TableFiles.check(dir);
            } catch (StoreException e) {
                repair(dir, e.getMessage());
                create = false;
            }
            try {
                return openDatabase(dir, create);
            } catch (StoreException e) {
                if (!(e.getCause() instanceof Exception cause) || !isCorruption(cause)) {
                    throw e;
                }
                repair(dir, e.getMessage());
                return openDatabase(dir, false);
            }
        }
    }

    /** LevelDB 1.8's repair takes no lock of its own: it runs holding the LOCK file, as the tail cut does. */
    private static void repair(Path dir, String why) {
        LOG.warn("--reindex: repairing the LevelDB database in {} first ({})", dir, why);
        try (FileChannel lockFile = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new StoreException("the block store in " + dir + " is in use by another process");
            }
            factory.repair(dir.toFile(), new Options().paranoidChecks(true));
        } catch (IOException | DBException e) {
            throw new StoreException("--reindex: LevelDB cannot repair the block store in " + dir + ": "
                    + e.getMessage() + "; move it aside and resync", e);
        }
        LOG.warn("--reindex: LevelDB's repair of {} done (unreadable files, if any, are in {})", dir, dir.resolve("lost"));
    }

    /**
     * Paranoid checks stay on: LevelDB then refuses damage in synced data (a log record, a table block
     * read by a compaction) instead of silently dropping it. The one damage a crash leaves by itself, a
     * torn log tail, is cut before a second try.
     */
    private static DB openDatabase(Path dir, boolean create) {
        try {
            return openOnce(dir, create);
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
                return openOnce(dir, create);
            } catch (StoreException again) {
                Throwable c = again.getCause() != null ? again.getCause() : again;
                throw isCorruption(c) ? corrupt(dir, c.getMessage() + " (after cutting a torn log tail)", c) : again;
            }
        }
    }

    /** {@code create} only for a directory that never held a chain: LevelDB must not replace a lost one. */
    private static DB openOnce(Path dir, boolean create) {
        Options options = new Options().createIfMissing(create).paranoidChecks(true).cacheSize(64L << 20);
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
                + "); restart with --reindex to repair it and rebuild the block index and UTXO set from the"
                + " stored blocks, or move it aside and resync or re-import", cause);
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
}
