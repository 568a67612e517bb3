package org.nakamoto.chain.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks, before LevelDB opens a store, that every table file the current MANIFEST lists exists with the
 * size the MANIFEST recorded for it.
 *
 * <p>Why: LevelDB 1.8 opens a database without looking at its table files (later versions at least
 * count missing ones), so a truncated or deleted table let the node start "healthy" at its old height
 * and fail later, on the first read that touched it (issue 17). Comparing sizes costs one {@code stat}
 * per table and catches truncation and loss at start; damage that keeps the size is caught by the
 * checksums every read verifies, and by {@code --checkblocks}.
 *
 * <p>The MANIFEST is a LevelDB log (the format {@link TornLogTail} reads) of version edits; an edit is a
 * series of tagged fields (LevelDB's {@code version_edit.cc}): 1 comparator name, 2 log number, 3 next
 * file number, 4 last sequence, 5 compaction pointer (level, key), 6 deleted file (level, number), 7 new
 * file (level, number, size, smallest key, largest key), 9 previous log number. Replaying the new and
 * deleted files gives the live tables. A MANIFEST that cannot be read this far is left to LevelDB, whose
 * open then refuses it. Stateless.
 */
final class TableFiles {
    private TableFiles() {
    }

    /**
     * Refuses the store in {@code dir} if a live table is missing or has another size than recorded.
     * Returns how many tables were checked (0 when there is no readable MANIFEST: LevelDB decides).
     */
    static int check(Path dir) {
        Map<Long, Long> live;
        try {
            live = liveTables(dir);
        } catch (IOException | RuntimeException e) {
            return 0; // unreadable: LevelDB's own open reports it (and TornLogTail may cut a torn tail)
        }
        for (Map.Entry<Long, Long> t : live.entrySet()) {
            Path sst = dir.resolve(String.format("%06d.sst", t.getKey()));
            Path ldb = dir.resolve(String.format("%06d.ldb", t.getKey()));
            Path file = Files.exists(ldb) ? ldb : sst;
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw damaged(dir, "its table file " + sst + " is missing (the MANIFEST lists it with "
                        + t.getValue() + " bytes)");
            }
            if (size != t.getValue()) {
                throw damaged(dir, "its table file " + file + " has " + size + " bytes but the MANIFEST recorded "
                        + t.getValue() + (size < t.getValue() ? " (truncated)" : ""));
            }
        }
        return live.size();
    }

    static StoreException damaged(Path dir, String what) {
        return new StoreException("the block store in " + dir + " is damaged: " + what + ". Restart with --reindex"
                + " to rebuild the block index and UTXO set from the stored blocks (blocks lost with the damage"
                + " are downloaded again from peers), or move " + dir + " aside and resync");
    }

    /** How many live tables the MANIFEST lists after {@link #check} accepted them (for the start-up report). */
    static int count(Path dir) {
        try {
            return liveTables(dir).size();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Table number to recorded size, for the tables the current MANIFEST leaves live. */
    static Map<Long, Long> liveTables(Path dir) throws IOException {
        Path current = dir.resolve("CURRENT");
        if (!Files.isRegularFile(current)) {
            return Map.of();
        }
        String name = new String(Files.readAllBytes(current), StandardCharsets.US_ASCII).trim();
        if (!name.startsWith("MANIFEST-") || name.indexOf('/') >= 0) {
            return Map.of();
        }
        Map<Long, Long> live = new TreeMap<>();
        for (byte[] edit : records(Files.readAllBytes(dir.resolve(name)))) {
            apply(edit, live);
        }
        return live;
    }

    private static void apply(byte[] edit, Map<Long, Long> live) {
        int[] pos = {0};
        while (pos[0] < edit.length) {
            int tag = (int) varint(edit, pos);
            switch (tag) {
                case 1 -> skipSlice(edit, pos);
                case 2, 3, 4, 9 -> varint(edit, pos);
                case 5 -> {
                    varint(edit, pos);
                    skipSlice(edit, pos);
                }
                case 6 -> {
                    varint(edit, pos);
                    live.remove(varint(edit, pos));
                }
                case 7 -> {
                    varint(edit, pos);
                    long number = varint(edit, pos);
                    long size = varint(edit, pos);
                    skipSlice(edit, pos);
                    skipSlice(edit, pos);
                    live.put(number, size);
                }
                default -> throw new IllegalArgumentException("unknown version edit tag " + tag);
            }
        }
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b[pos[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static void skipSlice(byte[] b, int[] pos) {
        long n = varint(b, pos);
        if (n < 0 || pos[0] + n > b.length) {
            throw new IllegalArgumentException("slice past the end of the edit");
        }
        pos[0] += (int) n;
    }

    /**
     * The complete records of a LevelDB log, fragments joined, up to the first damaged one (a torn tail
     * of the MANIFEST ends the list, as it ends LevelDB's reading after {@link TornLogTail} cut it).
     */
    static List<byte[]> records(byte[] log) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream partial = null;
        for (int blockStart = 0; blockStart < log.length; blockStart += TornLogTail.BLOCK_SIZE) {
            int blockEnd = Math.min(blockStart + TornLogTail.BLOCK_SIZE, log.length);
            int off = blockStart;
            while (blockEnd - off >= TornLogTail.HEADER_SIZE) {
                int length = (log[off + 4] & 0xff) | (log[off + 5] & 0xff) << 8;
                int type = log[off + 6] & 0xff;
                if (type == 0 && length == 0) {
                    break; // zero padding: the rest of the block is empty
                }
                if (off + TornLogTail.HEADER_SIZE + length > blockEnd || !TornLogTail.checksumMatches(log, off, length)) {
                    return out;
                }
                int start = off + TornLogTail.HEADER_SIZE;
                switch (type) {
                    case 1 -> out.add(Arrays.copyOfRange(log, start, start + length));
                    case 2 -> {
                        partial = new ByteArrayOutputStream();
                        partial.write(log, start, length);
                    }
                    case 3, 4 -> {
                        if (partial == null) {
                            return out;
                        }
                        partial.write(log, start, length);
                        if (type == 4) {
                            out.add(partial.toByteArray());
                            partial = null;
                        }
                    }
                    default -> {
                        return out;
                    }
                }
                off = start + length;
            }
        }
        return out;
    }
}
