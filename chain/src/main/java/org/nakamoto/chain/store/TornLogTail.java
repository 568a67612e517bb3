package org.nakamoto.chain.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Finds and cuts off the torn tail a killed process leaves at the end of a LevelDB log, so that a store
 * opened with {@code paranoid_checks} reopens after any crash (the argument is in docs/storage.md).
 *
 * <p>LevelDB 1.8 (the version leveldbjni bundles) appends each write batch to the newest write-ahead log,
 * and each version edit to the current MANIFEST, through a memory map of a preallocated, zero-filled
 * region. A process killed in the middle of an append leaves a valid prefix of records, part of one
 * record, then zeros. With paranoid checks LevelDB 1.8 refuses such a log ("checksum mismatch", "error in
 * middle of record", "truncated record at end of file"); LevelDB 1.16 and later treat the same tail as
 * the end of the log. The torn record's write never returned, so nothing acknowledged is in it.
 *
 * <p>This class reads the log format (doc/log_format.md in LevelDB: 32 KiB blocks of records with a
 * masked CRC-32C, a 16-bit length and a type: full, first, middle or last fragment) and tells a torn tail
 * from damage to older data. A tail is torn when, after the first bad record, no record with a valid
 * checksum follows anywhere in the file: only a crash mid-append leaves that shape, since the writer is
 * sequential. It is then cut at the end of the last complete record. Any other damage is left alone, so
 * that the paranoid open refuses it.
 *
 * <p>Only call {@link #repair} with the store closed and its LOCK held by this process (see
 * {@link StoreOpener}).
 */
public final class TornLogTail {
    static final int BLOCK_SIZE = 32 * 1024;
    static final int HEADER_SIZE = 7;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;
    private static final Pattern LOG_NAME = Pattern.compile("(\\d+)\\.log");

    private TornLogTail() {
    }

    /** What a scan of one log file found. */
    record Scan(long size, long completeEnd, long firstBadOffset, boolean validRecordAfterBad) {
        boolean clean() {
            return firstBadOffset < 0;
        }

        /** The only damage is a torn tail: cutting the file at {@link #completeEnd} loses no complete record. */
        boolean tornTail() {
            return !clean() && !validRecordAfterBad;
        }
    }

    /** A cut made in one file: its name, its size before, and where it now ends. */
    record Cut(String file, long sizeBefore, long newSize) {
        @Override
        public String toString() {
            return file + ": dropped a torn tail of " + (sizeBefore - newSize) + " bytes after offset " + newSize;
        }
    }

    /**
     * Cuts the torn tails of the newest write-ahead log and of the current MANIFEST of the LevelDB in
     * {@code dir}. Returns the cuts made (none when neither file has a torn tail).
     */
    static List<Cut> repair(Path dir) throws IOException {
        List<Cut> cuts = new ArrayList<>();
        for (Path file : filesThatMayBeTorn(dir)) {
            Scan scan = scan(Files.readAllBytes(file));
            if (scan.tornTail()) {
                try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.truncate(scan.completeEnd());
                    channel.force(true);
                }
                cuts.add(new Cut(file.getFileName().toString(), scan.size(), scan.completeEnd()));
            }
        }
        return cuts;
    }

    /**
     * Whether the LevelDB in {@code dir} has a torn tail now, that is, whether a crash stopped it in the
     * middle of an append. For crash tests, which count the kills that hit that moment; read only.
     */
    public static boolean present(Path dir) throws IOException {
        for (Path f : filesThatMayBeTorn(dir)) {
            if (scan(Files.readAllBytes(f)).tornTail()) {
                return true;
            }
        }
        return false;
    }

    /** The only files a crash can leave in the middle of an append: the newest log and the current MANIFEST. */
    static List<Path> filesThatMayBeTorn(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        newestLog(dir).ifPresent(files::add);
        Path current = dir.resolve("CURRENT");
        if (Files.isRegularFile(current)) {
            String name = new String(Files.readAllBytes(current), StandardCharsets.US_ASCII).trim();
            Path manifest = dir.resolve(name);
            // CURRENT is replaced by rename, so it is whole; anything but a MANIFEST name is not ours to touch
            if (name.startsWith("MANIFEST-") && name.indexOf('/') < 0 && Files.isRegularFile(manifest)) {
                files.add(manifest);
            }
        }
        return files;
    }

    private static Optional<Path> newestLog(Path dir) throws IOException {
        Path newest = null;
        long newestNumber = -1;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = LOG_NAME.matcher(p.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > newestNumber) {
                    newestNumber = Long.parseLong(m.group(1));
                    newest = p;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * Reads a log as LevelDB's reader does (block by block; a bad record makes it skip to the next
     * block; zero padding ends a block) and reports where complete records end and where damage starts.
     */
    static Scan scan(byte[] log) {
        long completeEnd = 0;
        long firstBad = -1;
        boolean validAfterBad = false;
        boolean inFragmented = false;
        for (int blockStart = 0; blockStart < log.length; blockStart += BLOCK_SIZE) {
            int blockEnd = Math.min(blockStart + BLOCK_SIZE, log.length);
            int off = blockStart;
            while (blockEnd - off >= HEADER_SIZE) {
                int length = (log[off + 4] & 0xff) | (log[off + 5] & 0xff) << 8;
                int type = log[off + 6] & 0xff;
                if (type == 0 && length == 0) {
                    // the mmap writer's zero-filled preallocation: LevelDB skips the rest of the block
                    if (inFragmented && firstBad < 0) {
                        firstBad = off;
                    }
                    break;
                }
                boolean intact = off + HEADER_SIZE + length <= blockEnd && checksumMatches(log, off, length);
                if (!intact || type < FULL || type > LAST) {
                    if (firstBad < 0) {
                        firstBad = off;
                    }
                    inFragmented = false;
                    break; // LevelDB drops the rest of the block: a bad length or checksum cannot be trusted
                }
                if (firstBad >= 0) {
                    validAfterBad = true; // a record written after the damage: not a torn tail
                }
                int end = off + HEADER_SIZE + length;
                boolean sequenceOk = switch (type) {
                    case FULL, FIRST -> !inFragmented;
                    default -> inFragmented; // MIDDLE, LAST
                };
                if (!sequenceOk && firstBad < 0) {
                    firstBad = off;
                }
                inFragmented = type == FIRST || type == MIDDLE;
                if ((type == FULL || type == LAST) && firstBad < 0) {
                    completeEnd = end;
                }
                off = end;
            }
            boolean lastBlockShort = blockEnd - blockStart < BLOCK_SIZE;
            if (lastBlockShort && blockEnd - off > 0 && blockEnd - off < HEADER_SIZE && firstBad < 0) {
                firstBad = off; // LevelDB 1.8: "truncated record at end of file" (1.16 calls it the end)
            }
        }
        if (inFragmented && firstBad < 0) {
            firstBad = completeEnd; // "partial record without end": the last record's end never arrived
        }
        return new Scan(log.length, completeEnd, firstBad, validAfterBad);
    }

    static boolean checksumMatches(byte[] log, int off, int length) {
        int stored = (log[off] & 0xff) | (log[off + 1] & 0xff) << 8 | (log[off + 2] & 0xff) << 16
                | (log[off + 3] & 0xff) << 24;
        CRC32C crc = new CRC32C();
        crc.update(log, off + 6, 1 + length); // the type byte and the payload
        return unmask(stored) == (int) crc.getValue();
    }

    /** LevelDB stores CRCs masked (rotated and offset) so that a CRC of data holding CRCs stays strong. */
    private static int unmask(int masked) {
        int rot = masked - 0xa282ead8;
        return (rot >>> 17) | (rot << 15);
    }

    /** The inverse of {@link #unmask}, for tests that write logs. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }
}
