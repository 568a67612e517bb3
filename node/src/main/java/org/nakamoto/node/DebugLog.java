package org.nakamoto.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Logging set-up that depends on options: adds {@code <datadir>/debug.log}, Core's file, with the same lines
 * as the console plus the date. The console pattern is in logback.xml.
 *
 * <p>The file is owner-only (0600, like the cookie: it names peers, wallets' addresses in calls, and failed
 * logins) and rotated by size: at {@value #DEFAULT_MAX_MB} MiB it becomes debug.log.1, the older ones move up
 * to debug.log.{@value #DEFAULT_ARCHIVES}, and the oldest is dropped, so the log never takes more than
 * about {@value #DEFAULT_MAX_MB} x {@value #DEFAULT_ARCHIVES}+1 MiB (Core instead trims debug.log at start).
 * The size is looked at once a second at most (Logback's default is once a minute), so a file may pass the
 * limit by what is logged in a second.
 *
 * <p>No java.util.logging bridge: nakamoto's own code logs only through SLF4J (ArchitectureTest keeps it so),
 * and Vert.x 5 and Netty pick SLF4J themselves when a provider (Logback here) is on the class path; Vert.x
 * falls back to JUL only without one, or when a vertx-default-jul-logging.properties resource asks for it.
 */
final class DebugLog {
    static final int DEFAULT_MAX_MB = 10;
    static final int DEFAULT_ARCHIVES = 5;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DebugLog() {
    }

    static void attach(Path dataDir) {
        attach(dataDir, DEFAULT_MAX_MB * 1024L * 1024L, DEFAULT_ARCHIVES, 1000);
    }

    /**
     * @param checkMillis how often at most the file's size is looked at
     * @return the appender added to the root logger, or null under another SLF4J binding
     */
    static RollingFileAppender<ILoggingEvent> attach(Path dataDir, long maxBytes, int archives, long checkMillis) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return null; // another SLF4J binding: it has its own configuration
        }
        String file = dataDir.resolve("debug.log").toString();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new OwnerOnlyAppender();
        appender.setContext(ctx);
        appender.setName("debug.log");
        appender.setFile(file);
        appender.setAppend(true);
        appender.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(archives);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(new FileSize(maxBytes));
        trigger.setCheckIncrement(Duration.buildByMilliseconds(checkMillis));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    /**
     * Creates debug.log owner-only before Logback opens it, at start and after every rotation, and narrows an
     * existing one (an older nakamoto left it 0644). Rotated files keep the mode: they are renamed, not copied.
     */
    private static final class OwnerOnlyAppender extends RollingFileAppender<ILoggingEvent> {
        @Override
        public void openFile(String fileName) throws IOException {
            Path p = Path.of(fileName);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                if (Files.notExists(p)) {
                    Files.createDirectories(p.toAbsolutePath().getParent());
                    Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.setPosixFilePermissions(p, OWNER_ONLY);
                }
            }
            super.openFile(fileName);
        }
    }
}
