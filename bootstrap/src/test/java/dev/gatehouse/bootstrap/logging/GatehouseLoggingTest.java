package dev.gatehouse.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatehouseLoggingTest {

    /** The example file for operators, which must say what the built-in configuration does. */
    private static final Path EXAMPLE = Path.of("..", "docs", "logback.xml");

    private final List<LoggerContext> contexts = new ArrayList<>();

    @AfterEach
    void stopContexts() {
        contexts.forEach(LoggerContext::stop);
        GatehouseEncoder.use(LogFormat.TEXT);
    }

    private LoggerContext context() {
        LoggerContext context = new LoggerContext();
        contexts.add(context);
        return context;
    }

    @Test
    void logbackFindsTheConfigurationAsAServiceAndReadsNoXml() throws Exception {
        LoggerContext context = context();

        new ContextInitializer(context).autoConfig();

        assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(status -> status.getMessage())
                .noneMatch(message -> message.contains("Joran") || message.contains(".xml"));
        ConsoleAppender<ILoggingEvent> stderr = stderr(context);
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.getEncoder()).isInstanceOf(GatehouseEncoder.class);
        assertThat(levels(context)).isEqualTo(expectedLevels());
    }

    @Test
    void anOperatorsFileTakesThePlaceOfTheBuiltInConfiguration(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("operator.xml"), "<configuration/>");
        Path resources = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(resources.resolve("operator-resource.xml"), "<configuration/>");
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            for (String named : List.of(file.toString(), file.toUri().toString(), "operator-resource.xml", "https://config.example/logback.xml")) {
                LoggerContext context = context();

                ExecutionStatus status = new GatehouseLogging().configure(context, Optional.of(named), classPath);

                assertThat(status).as(named).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
                assertUntouched(context);
            }
        }
    }

    @Test
    void aNamedFileThatIsNotThereLeavesTheBuiltInConfigurationWithAWarning(@TempDir Path dir) {
        Path missing = dir.resolve("typo.xml");
        for (String named : List.of(missing.toString(), missing.toUri().toString())) {
            LoggerContext context = context();
            ListAppender<ILoggingEvent> warnings = new ListAppender<>();
            warnings.setContext(context);
            warnings.start();
            context.getLogger(GatehouseLogging.class).addAppender(warnings);

            ExecutionStatus status = new GatehouseLogging().configure(context, Optional.of(named), GatehouseLogging.class.getClassLoader());

            assertThat(status).as(named).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(stderr(context).getEncoder()).isInstanceOf(GatehouseEncoder.class);
            assertThat(levels(context)).isEqualTo(expectedLevels());
            assertThat(warnings.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains(named, "was not found", GatehouseLogging.CONFIGURATION_FILE);
            });
        }
    }

    @Test
    void aLogbackFileOfTheEmbeddingApplicationTakesThePlaceOfTheBuiltInConfiguration(@TempDir Path classes) throws Exception {
        for (String name : GatehouseLogging.CLASS_PATH_FILES) {
            Path dir = Files.createDirectories(classes.resolve(name.replace('.', '-')));
            Files.writeString(dir.resolve(name), "<configuration/>");
            LoggerContext context = context();
            try (URLClassLoader classPath = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {

                ExecutionStatus status = new GatehouseLogging().configure(context, Optional.empty(), classPath);

                assertThat(status).as(name).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
                assertUntouched(context);
            }
        }
    }

    @Test
    void withoutAFileTheBuiltInConfigurationIsTheOnlyOne(@TempDir Path classes) throws Exception {
        LoggerContext context = context();
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {

            ExecutionStatus status = new GatehouseLogging().configure(context, Optional.empty(), classPath);

            assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(stderr(context).getEncoder()).isInstanceOf(GatehouseEncoder.class);
        }
    }

    private static void assertUntouched(LoggerContext context) {
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isNull();
    }

    @Test
    void theExampleFileForOperatorsIsTheBuiltInConfiguration() throws Exception {
        LoggerContext builtIn = context();
        assertThat(new GatehouseLogging().configure(builtIn, Optional.empty(), GatehouseLogging.class.getClassLoader()))
                .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        LoggerContext fromFile = context();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromFile);

        joran.doConfigure(EXAMPLE.toFile());

        assertThat(levels(fromFile)).isEqualTo(levels(builtIn)).isEqualTo(expectedLevels());
        ConsoleAppender<ILoggingEvent> fileAppender = stderr(fromFile);
        ConsoleAppender<ILoggingEvent> builtInAppender = stderr(builtIn);
        assertThat(fileAppender.getName()).isEqualTo(builtInAppender.getName());
        assertThat(fileAppender.getTarget()).isEqualTo(builtInAppender.getTarget());
        assertThat(fileAppender.getEncoder().getClass()).isEqualTo(builtInAppender.getEncoder().getClass());
    }

    @Test
    void theJsonEncoderIsMadeOnlyWhenAJsonLineIsWritten() {
        GatehouseEncoder.use(LogFormat.TEXT);
        LoggerContext context = context();
        GatehouseEncoder encoder = new GatehouseEncoder();
        encoder.setContext(context);
        encoder.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.gatehouse.test"), Level.INFO, "hello", null, null);
        event.setMDCPropertyMap(Map.of());

        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(text).contains("msg=hello");
        assertThat(encoder.jsonStarted()).isFalse();

        GatehouseEncoder.use(LogFormat.JSON);
        String json = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(encoder.jsonStarted()).isTrue();
        assertThat(json).startsWith("{").contains("\"message\":\"hello\"", "\"logger_name\":\"dev.gatehouse.test\"");

        encoder.stop();
        assertThat(encoder.jsonStarted()).as("a stop stops and drops the JSON encoder").isFalse();
        encoder.start();
        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8)).as("JSON after a restart")
                .contains("\"message\":\"hello\"");
        encoder.stop();
    }

    private static Map<String, Level> expectedLevels() {
        Map<String, Level> expected = new TreeMap<>(GatehouseLogging.LEVELS);
        expected.put(Logger.ROOT_LOGGER_NAME, Level.INFO);
        return expected;
    }

    /** The levels set on the context's loggers (those left to inherit theirs are not listed). */
    private static Map<String, Level> levels(LoggerContext context) {
        Map<String, Level> levels = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                levels.put(logger.getName(), logger.getLevel());
            }
        }
        return levels;
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOf(ConsoleAppender.class);
        return (ConsoleAppender<ILoggingEvent>) appenders.get(0);
    }
}
