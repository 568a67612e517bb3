package org.nakamoto.chain.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The file {@code .nakamoto-store} beside LevelDB's own files, written once the store has been created
 * and its metadata synced: the proof, kept outside LevelDB, that the directory holds a chain.
 *
 * <p>Why: LevelDB opened with {@code create_if_missing} on a directory whose {@code CURRENT} is gone
 * creates a new, empty database and then deletes every table file it does not know as "obsolete" (LevelDB
 * 1.8's {@code DeleteObsoleteFiles}): the node started at height 0 and about 4 MB of chain vanished
 * without a word (issue 17). With the marker present the store is opened with {@code create_if_missing}
 * off, and a missing {@code CURRENT} is refused before LevelDB sees the directory. A directory without the
 * marker that still holds LevelDB data files (a store from before the marker) is refused the same way.
 * LevelDB never touches the marker: its name is none of LevelDB's file names.
 *
 * <p>Stateless; only {@link StoreOpener} calls it, under its lock.
 */
final class StoreMarker {
    static final String NAME = ".nakamoto-store";
    /** Files only a database that has held data has: tables (1.8 ".sst", later ".ldb") and logs. */
    private static final Pattern DATA_FILE = Pattern.compile("\\d+\\.(sst|ldb|log)");

    private StoreMarker() {
    }

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(NAME));
    }

    /**
     * Refuses a directory that has held a chain but lost LevelDB's {@code CURRENT}, before LevelDB opens
     * it; returns whether the database may be created (a new or empty directory).
     */
    static boolean checkBeforeOpen(Path dir) {
        Path current = dir.resolve("CURRENT");
        if (Files.isRegularFile(current)) {
            return false;
        }
        boolean marked = present(dir);
        String data = firstDataFile(dir);
        if (marked || data != null) {
            throw new StoreException("the block store in " + dir + " has held a chain ("
                    + (marked ? dir.resolve(NAME) + " is present" : data + " is a LevelDB data file")
                    + ") but LevelDB's file " + current + " is missing; nothing was changed. Restore that file,"
                    + " or restart with --reindex to rebuild the store from what it holds (LevelDB's repair,"
                    + " then the block index and UTXO set from the stored blocks)");
        }
        return true;
    }

    private static String firstDataFile(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> DATA_FILE.matcher(n).matches())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new StoreException("cannot list the block store directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the marker (atomically: a synced temporary file renamed into place) if it is not there. */
    static void write(Path dir, String network) {
        if (present(dir)) {
            return;
        }
        Path tmp = dir.resolve(NAME + ".tmp");
        String text = "nakamoto block store\nnetwork=" + network + "\n"
                + "This directory holds a chain: if LevelDB's CURRENT file is missing, the node refuses to start"
                + " instead of creating an empty store (docs/storage.md).\n";
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new StoreException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + dir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }
}
