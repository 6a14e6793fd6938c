package dev.gatehouse.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Loader;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's logging configuration, set in code: one stderr appender with {@link GatehouseEncoder}, {@code INFO}
 * for Gatehouse and the root, {@code WARN} for the libraries' chatter. Logback finds it through
 * {@code META-INF/services}, ahead of its own search for a {@code logback.xml}.
 *
 * <p>It is code rather than a {@code logback.xml} because reading XML is a large part of a start: the JDK's XML
 * parser and logback's Joran are a few hundred classes. Any file that logback itself would read takes its place: one
 * named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} or {@code logback.xml} on the class
 * path (the jar has none, so such a file is the embedding application's). A named file that does not exist does
 * not: logback would then fall back to its bare default (everything at {@code DEBUG}, on stdout), so this
 * configuration is used and says so in a warning. {@code docs/logback.xml} is this configuration as a file, to
 * start from.
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

    /** The files logback looks for on the class path when no file is named. */
    static final List<String> CLASS_PATH_FILES = List.of("logback-test.xml", "logback.xml");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // the class loader logback's own configurators search with
        return configure(context, Optional.ofNullable(System.getProperty(CONFIGURATION_FILE)), Loader.getClassLoaderOfObject(context));
    }

    /**
     * Configures {@code context}, unless a file is named that logback can find, or {@code classPath} holds one of
     * logback's own: logback then reads that file instead.
     */
    ExecutionStatus configure(LoggerContext context, Optional<String> configurationFile, ClassLoader classPath) {
        boolean named = configurationFile.isPresent();
        if (named ? found(configurationFile.get(), classPath)
                : CLASS_PATH_FILES.stream().anyMatch(name -> classPath.getResource(name) != null)) {
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
        if (named) {
            context.getLogger(GatehouseLogging.class).warn("the logging configuration file {} (-D{}) was not found; logging as built in",
                    configurationFile.get(), CONFIGURATION_FILE);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Whether logback would find the file {@code name} as it looks for {@code -Dlogback.configurationFile}: a URL
     * (a {@code file:} one must exist), a resource of {@code classPath}, or a file. This is the search of logback's
     * {@code DefaultJoranConfigurator.findURLOfDefaultConfigurationFile}, which is not called instead because it
     * searches only logback's own class loader and takes a {@code file:} URL to a missing file as found.
     */
    static boolean found(String name, ClassLoader classPath) {
        try {
            URL url = new URL(name);
            return !"file".equals(url.getProtocol()) || Files.isRegularFile(Path.of(url.toURI()));
        } catch (MalformedURLException | URISyntaxException | IllegalArgumentException e) {
            // not a URL: a resource or a file, as logback tries them
        }
        if (classPath.getResource(name) != null) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
