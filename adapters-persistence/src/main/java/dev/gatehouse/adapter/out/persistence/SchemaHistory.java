package dev.gatehouse.adapter.out.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Whether a database's schema already holds exactly the migrations that this jar bundles, as Flyway recorded them:
 * the question that every restart asks, answered with one query and without starting Flyway.
 *
 * <p>Flyway stays the only thing that changes the schema. {@link Database#open} calls it whenever this class does
 * not answer yes, and Flyway then migrates, validates or refuses as it always has. This class only spares an
 * up-to-date database Flyway's own start (its configuration, its scan of the class path and its check of the
 * history), which costs several hundred milliseconds of cold code on every restart, when the answer, "nothing to
 * do", is already in the history table.
 *
 * <p>It answers yes only when all of these hold, and no otherwise, including on any error:
 *
 * <ul>
 *   <li>every resource in {@value #LOCATION} on the class path is a versioned SQL migration named as Flyway's
 *       defaults expect ({@code V<version>__<description>.sql}), and each can be read;</li>
 *   <li>Flyway's history table {@value #TABLE}, in the connection's current schema, lists in the order they were
 *       installed exactly these migrations and nothing else: the same versions, descriptions, script names and
 *       checksums, each of type {@code SQL} and successful. Only the rows that Flyway itself passes over, its notes
 *       that it made the table (at a negative rank) or the schema, are passed over.</li>
 * </ul>
 *
 * The checksum is Flyway's: the CRC-32 of the script's lines read as UTF-8, without their line endings and without
 * a leading byte-order mark. {@code SchemaHistoryTest} checks it against what Flyway itself records for every
 * bundled migration. Were Flyway ever to compute it differently, the answer would be no and Flyway would run on
 * every start, as before: slower, never wrong. A pending migration, a failed one, a newer schema of a later
 * version, an edited script or a missing table all make the answer no.
 */
final class SchemaHistory {

    /** Where the migrations are, on the class path (Flyway's {@code classpath:db/migration}). */
    static final String LOCATION = "db/migration";
    /** Flyway's default history table. */
    static final String TABLE = "flyway_schema_history";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__([^/]+)\\.sql");
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** The type of the row without a version with which Flyway notes that it made the schema: not a migration. */
    private static final String SCHEMA_MARKER = "SCHEMA";
    /** What no bundled migration equals: it stands for a row of the history table that is not a successful SQL migration. */
    private static final Migration NOT_A_MIGRATION = new Migration("", "", "", 0);

    /**
     * One migration: its version as Flyway writes it (parts joined by dots), its description as Flyway derives it
     * from the script's name (underscores as spaces), its script's name and its checksum.
     */
    record Migration(String version, String description, String script, int checksum) {}

    private SchemaHistory() {}

    /** Whether the database behind {@code dataSource} has exactly the bundled migrations; no on any doubt. */
    static boolean isCurrent(DataSource dataSource, ClassLoader loader) {
        try {
            Optional<List<Migration>> bundled = bundled(loader);
            return bundled.isPresent() && !bundled.get().isEmpty() && applied(dataSource).equals(bundled.get());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The migrations in {@value #LOCATION}, ordered by version; empty when a resource there is not a versioned SQL
     * migration, cannot be read or listed, or lies in a place other than a jar or a folder.
     */
    static Optional<List<Migration>> bundled(ClassLoader loader) {
        try {
            List<Migration> migrations = new ArrayList<>();
            Enumeration<URL> locations = loader.getResources(LOCATION);
            while (locations.hasMoreElements()) {
                URL location = locations.nextElement();
                Optional<List<String>> names = names(location);
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                for (String name : names.get()) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (!versioned.matches()) {
                        return Optional.empty();
                    }
                    URL script = loader.getResource(LOCATION + "/" + name);
                    if (script == null) {
                        return Optional.empty();
                    }
                    migrations.add(new Migration(versioned.group(1).replace('_', '.'), versioned.group(2).replace('_', ' '),
                            name, checksum(script)));
                }
            }
            migrations.sort(Comparator.comparing(Migration::version, SchemaHistory::compareVersions));
            return Optional.of(List.copyOf(migrations));
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The names of the files directly in {@code location}, a folder in a jar or on disk; empty elsewhere. */
    private static Optional<List<String>> names(URL location) throws IOException, URISyntaxException {
        switch (location.getProtocol()) {
            case "jar" -> {
                URLConnection connection = location.openConnection();
                if (!(connection instanceof JarURLConnection jar)) {
                    return Optional.empty();
                }
                // the entry is named with or without its trailing slash, depending on how the jar is read
                String folder = jar.getEntryName();
                String prefix = folder.endsWith("/") ? folder : folder + "/";
                List<String> names = new ArrayList<>();
                JarFile file = jar.getJarFile();
                try {
                    file.stream()
                            .filter(entry -> !entry.isDirectory() && entry.getName().startsWith(prefix))
                            .map(entry -> entry.getName().substring(prefix.length()))
                            .forEach(names::add);
                } finally {
                    if (!jar.getUseCaches()) {
                        file.close(); // a cached jar is shared with the class loader, and stays open
                    }
                }
                return names.stream().anyMatch(name -> name.contains("/")) ? Optional.empty() : Optional.of(names);
            }
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                    List<Path> all = files.toList();
                    if (all.stream().anyMatch(Files::isDirectory)) {
                        return Optional.empty();
                    }
                    return Optional.of(all.stream().map(path -> path.getFileName().toString()).toList());
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Flyway's checksum of a script: CRC-32 over its lines in UTF-8, without line endings or a leading BOM. A script
     * that is not valid UTF-8, which Flyway refuses to read, throws.
     */
    static int checksum(URL script) throws IOException {
        try (InputStream in = script.openStream()) {
            return checksum(in);
        }
    }

    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
        String line = reader.readLine();
        if (line != null && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }

    /**
     * The rows of the history table in the connection's current schema, where Flyway keeps it, in the order they were
     * installed (a table of the same name elsewhere on PostgreSQL's search path is not read). Rows that Flyway itself
     * passes over are left out: those of a negative rank (its note that it made the table) and its note that it made
     * the schema. Any other row that is not a successful SQL migration ends the list with {@link #NOT_A_MIGRATION}.
     */
    private static List<Migration> applied(DataSource dataSource) throws SQLException {
        List<Migration> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"installed_rank\", \"version\", \"description\", \"script\", "
                     + "\"checksum\", \"type\", \"success\" FROM "
                     + quoted(Objects.requireNonNull(connection.getSchema(), "schema")) + "." + quoted(TABLE)
                     + " ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                String version = rows.getString(2);
                String type = rows.getString(6);
                if (rows.getInt(1) < 0 || (version == null && SCHEMA_MARKER.equals(type))) {
                    continue;
                }
                int checksum = rows.getInt(5);
                boolean noChecksum = rows.wasNull();
                if (version == null || noChecksum || !"SQL".equals(type) || !rows.getBoolean(7)) {
                    applied.add(NOT_A_MIGRATION);
                    break;
                }
                applied.add(new Migration(version, rows.getString(3), rows.getString(4), checksum));
            }
        }
        return applied;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Orders versions as Flyway does: part by part, as numbers; {@code 1.1} after {@code 1}. */
    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            BigInteger x = i < a.length ? new BigInteger(a[i]) : BigInteger.ZERO;
            BigInteger y = i < b.length ? new BigInteger(b[i]) : BigInteger.ZERO;
            int order = x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
