package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** debug.log is owner-only and rotated by size (issue 17: it was world-readable and grew without end). */
class DebugLogTest {
    @TempDir
    Path dir;

    @Test
    void ownerOnlyAndRotatedBySize() throws Exception {
        Path existing = dir.resolve("debug.log");
        Files.writeString(existing, "left by an older nakamoto\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        RollingFileAppender<ILoggingEvent> appender = DebugLog.attach(dir, 8 * 1024, 3, 10);
        Logger log = LoggerFactory.getLogger("DebugLogTest");
        try {
            assertEquals("rw-------", mode(existing), "an existing world-readable log is narrowed");
            String line = "x".repeat(200);
            for (int i = 0; i < 600; i++) {
                log.info("{} {}", i, line);
                if (i % 20 == 0) {
                    Thread.sleep(15); // the size is looked at every 10 ms at most
                }
            }
        } finally {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .detachAppender(appender);
            appender.stop();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        System.out.println("debug.log files after 600 lines of 250 bytes at 8 KiB x 3: " + files.stream()
                .map(p -> p.getFileName() + "=" + size(p)).toList());
        assertEquals(List.of("debug.log", "debug.log.1", "debug.log.2", "debug.log.3"),
                files.stream().map(p -> p.getFileName().toString()).toList(), "three archives kept, older dropped");
        for (Path p : files) {
            assertEquals("rw-------", mode(p), p.toString());
            assertTrue(size(p) < 8 * 1024 + 20 * 260, p + " is " + size(p) + " bytes");
        }
        assertFalse(Files.readString(files.get(0)).contains("left by an older"), "old text rotated away");
        assertTrue(Files.readString(files.get(0)).contains("599 x"), "the newest line is in debug.log");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
