package org.nakamoto.chain.store;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Keeps LevelDB away from a full file system. LevelDB 1.8 (leveldbjni) writes its logs, tables and
 * MANIFEST through {@code PosixMmapFile}: it grows the file with {@code ftruncate} (which succeeds on a
 * full file system, the file is only sparse) and copies into a memory map of the new region; when the
 * kernel then cannot allocate a page for that copy it raises SIGBUS, and the JVM dies (measured: 4 of 4
 * runs, docs/robustness.md). No error code ever reaches Java, so the only defence is never letting the
 * file system fill: every write batch first checks the free space ({@code statvfs}, about a microsecond)
 * and is refused with {@link LowDiskSpaceException} when fewer than {@link #RESERVE_BYTES} would remain.
 *
 * <p>Why 64 MiB rather than Bitcoin Core's 50 MB: LevelDB also writes in the background, where no check
 * can run. A memtable flush writes up to the 4 MiB write buffer, and one compaction writes its whole
 * output (LevelDB 1.8 caps the inputs it expands to at 25 table files, 50 MiB) before it deletes its
 * inputs, each file grown in mmap chunks of up to 1 MiB. The reserve covers one of each.
 *
 * <p>Thread-safe: immutable.
 */
final class DiskReserve {
    /** Free space a write must leave behind; also the least free space a store may be opened with. */
    static final long RESERVE_BYTES = 64L << 20;
    /**
     * An empty synchronous batch (a flush) appends a few bytes to the log, at most one new mmap chunk
     * (1 MiB): allowed down to this much free, so a node that stops for low space still syncs what it wrote.
     */
    static final long SYNC_BYTES = 4L << 20;

    private final Path dir;
    private final long reserve;

    DiskReserve(Path dir, long reserve) {
        this.dir = dir;
        this.reserve = reserve;
    }

    /** Free bytes on the file system of the store, as a non-root process may use them. */
    long free() {
        return dir.toFile().getUsableSpace();
    }

    /** Refuses a write of {@code bytes} (0: a sync) that would leave less than the reserve free. */
    void check(long bytes) {
        require(bytes == 0 ? Math.min(SYNC_BYTES, reserve) : reserve + bytes);
    }

    /**
     * Refuses to open a store with less than the reserve free: opening replays the log into a new table
     * and writes a new MANIFEST, all through the same mmap writer (Core refuses to start below 50 MB too).
     */
    void checkOpen() {
        require(reserve);
    }

    private void require(long needed) {
        long free = free();
        if (free < needed) {
            throw new LowDiskSpaceException(String.format(Locale.ROOT, "Disk space is too low! %s free in %s,"
                    + " the block store needs %s (a reserve of %s, so that LevelDB never writes into a full"
                    + " file system); free some space and restart the node", mib(free), dir, mib(needed),
                    mib(reserve)));
        }
    }

    /** Whether a sync may run now (close skips its sync otherwise rather than risk SIGBUS). */
    boolean syncAllowed() {
        return free() >= Math.min(SYNC_BYTES, reserve);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
