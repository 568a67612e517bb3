package org.nakamoto.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging set-up that depends on options: adds {@code <datadir>/debug.log}, Core's file, with the same lines
 * as the console plus the date. The console pattern is in logback.xml.
 *
 * <p>No java.util.logging bridge: nakamoto's own code logs only through SLF4J (ArchitectureTest keeps it so),
 * and Vert.x 5 and Netty pick SLF4J themselves when a provider (Logback here) is on the class path; Vert.x
 * falls back to JUL only without one, or when a vertx-default-jul-logging.properties resource asks for it.
 */
final class DebugLog {
    private DebugLog() {
    }

    static void attach(Path dataDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding: it has its own configuration
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("debug.log");
        file.setFile(dataDir.resolve("debug.log").toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file);
    }
}
