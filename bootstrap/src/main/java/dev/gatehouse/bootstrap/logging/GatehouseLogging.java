package dev.gatehouse.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.Optional;

/**
 * The server's logging configuration, set in code: one stderr appender with {@link GatehouseEncoder}, {@code INFO}
 * for Gatehouse and the root, {@code WARN} for the libraries' chatter. Logback finds it through
 * {@code META-INF/services}, ahead of its own search for a {@code logback.xml}.
 *
 * <p>It is code rather than a {@code logback.xml} because reading XML is a large part of a start: the JDK's XML
 * parser and logback's Joran are a few hundred classes. A file named by {@code -Dlogback.configurationFile} takes
 * its place, as logback documents; {@code docs/logback.xml} is this configuration as such a file, to start from.
 */
public final class GatehouseLogging extends ContextAwareBase implements Configurator {

    /** The system property that names an operator's own configuration file. */
    public static final String CONFIGURATION_FILE = "logback.configurationFile";
    static final String APPENDER = "STDERR";

    /** The named loggers' levels; the root logs at {@code INFO}. */
    static final Map<String, Level> LEVELS = Map.of(
            "dev.gatehouse", Level.INFO,
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, Optional.ofNullable(System.getProperty(CONFIGURATION_FILE)));
    }

    /** Configures {@code context}, unless an operator's file is named: logback then reads that file instead. */
    ExecutionStatus configure(LoggerContext context, Optional<String> configurationFile) {
        if (configurationFile.isPresent()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        GatehouseEncoder encoder = new GatehouseEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
