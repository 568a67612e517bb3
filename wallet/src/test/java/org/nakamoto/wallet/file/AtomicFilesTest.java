package org.nakamoto.wallet.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void crashMidWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("wallet.json");
        AtomicFiles.createNew(target, "old contents".getBytes());
        byte[] next = "new contents, much longer than the old ones".getBytes();
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, next, true, (ch, bytes) -> {
            ch.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2)); // half written, then the "crash"
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals("old contents".getBytes(), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
    }

    @Test
    void replaceSwapsTheWholeFile() throws Exception {
        Path target = dir.resolve("wallet.json");
        AtomicFiles.createNew(target, "one".getBytes());
        AtomicFiles.replace(target, "two".getBytes());
        assertArrayEquals("two".getBytes(), Files.readAllBytes(target));
    }

    @Test
    void createNewNeverReplaces() throws Exception {
        Path target = dir.resolve("wallet.json");
        AtomicFiles.createNew(target, "first".getBytes());
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.createNew(target, "second".getBytes()));
        // Even if the file appears between the check and the link, link(2) refuses to replace it.
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.write(target, "third".getBytes(), false,
                (ch, bytes) -> { }));
        assertArrayEquals("first".getBytes(), Files.readAllBytes(target));
    }
}
