package dev.gatehouse.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.LoggerFactory;

/**
 * Work that {@code serve} is known to need before its first answer, started on other threads as soon as the
 * process starts, so that the start, which otherwise does it all on one thread, finds it done. None of it changes
 * what the server does, only when the work is done:
 *
 * <ul>
 *   <li>the classes of {@value #LIST}, in the order a restart on an H2 database first loaded them
 *       ({@code scripts/startup-classes.sh} writes the list). A start spends much of its time loading its several
 *       thousand classes one by one as it first reaches them: reading each from the jar, parsing and defining it.
 *       Each is only loaded, as by {@code Class.forName(name, false, loader)}: no static initialiser runs, and the
 *       class is defined exactly as the start itself would define it. H2's own classes are loaded only once
 *       {@link #database} has told an H2 URL. A name that is not on the class path (a list older than a
 *       dependency) is skipped, and the start loads whatever the list misses itself;</li>
 *   <li>then the JVM's list of available locales, which Jetty reads when the HTTP server is made and the JDK
 *       builds on first use;</li>
 *   <li>the logging configuration (logback runs {@code GatehouseLogging}, or reads an operator's file), while the command line is parsed;
 *       {@link #awaitLogging} waits for it before anything logs, so that no logger is handed out while it runs.</li>
 * </ul>
 */
final class StartupWarmUp {

    /** The list, a resource next to this class: one binary class name a line; blank lines and {@code #} comments are ignored. */
    static final String LIST = "startup-classes.txt";
    private static final String H2_URL = "jdbc:h2:";
    private static final String H2_PACKAGE = "org.h2.";
    private static final CompletableFuture<String> DATABASE_URL = new CompletableFuture<>();
    /** Done when the logging configuration is read; done from the outset unless {@link #begin} reads it. */
    private static volatile CompletableFuture<Void> logging = CompletableFuture.completedFuture(null);

    private StartupWarmUp() {}

    /** Starts the work on daemon threads. */
    static void begin() {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        daemon("gatehouse-preload", () -> {
            load(listed(), loader, DATABASE_URL);
            Locale.getAvailableLocales();
        });
        CompletableFuture<Void> configured = new CompletableFuture<>();
        logging = configured;
        daemon("gatehouse-logging", () -> {
            try {
                LoggerFactory.getILoggerFactory();
            } catch (RuntimeException e) {
                // the start meets the same failure when it first logs, and reports it as it always has
            } finally {
                configured.complete(null);
            }
        });
    }

    /** Tells the class loading the JDBC URL of the server's database, once its flags are read. */
    static void database(String dbUrl) {
        DATABASE_URL.complete(dbUrl);
    }

    /** Waits until the logging configuration that {@link #begin} started is read. */
    static void awaitLogging() {
        logging.join();
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Loads each class of {@code names} through {@code loader} without initialising it, H2's only if {@code dbUrl}
     * (waited for at the first) is an H2 URL; answers how many it loaded.
     */
    static int load(List<String> names, ClassLoader loader, Future<String> dbUrl) {
        int loaded = 0;
        Boolean h2 = null;
        for (String name : names) {
            if (name.startsWith(H2_PACKAGE)) {
                if (h2 == null) {
                    h2 = isH2(dbUrl);
                }
                if (!h2) {
                    continue;
                }
            }
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // not on this class path, or not loadable here: the start meets the same when it needs the class
            }
        }
        return loaded;
    }

    private static boolean isH2(Future<String> dbUrl) {
        try {
            String url = dbUrl.get();
            return url.regionMatches(true, 0, H2_URL, 0, H2_URL.length());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** The names of the list, in its order; empty when there is no list or it cannot be read. */
    static List<String> listed() {
        InputStream in = StartupWarmUp.class.getResourceAsStream(LIST);
        if (in == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            return List.of(); // the start loads its classes itself, as without the list
        }
        return names;
    }
}
