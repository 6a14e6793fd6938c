package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.adapter.out.persistence.SchemaHistory.Migration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restart skips Flyway only when the history table holds exactly the bundled migrations, as Flyway recorded them;
 * anything else leaves the decision to Flyway.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class SchemaHistoryTest {

    private static final ClassLoader LOADER = SchemaHistoryTest.class.getClassLoader();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @Test
    void bundledWhenOnTheClassPathThenMatchesWhatFlywayResolvesWithItsChecksums() {
        TestDatabases.Location empty = TestDatabases.emptyH2();
        List<Migration> flyway = Stream.of(flyway(empty).info().pending())
                .map(info -> new Migration(info.getVersion().getVersion(), info.getDescription(), info.getScript(),
                        info.getChecksum()))
                .toList();

        assertThat(SchemaHistory.bundled(LOADER)).hasValueSatisfying(bundled -> {
            assertThat(bundled).hasSizeGreaterThanOrEqualTo(5).isEqualTo(flyway);
            assertThat(bundled.get(0).script()).isEqualTo("V1__core.sql");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1;\nSELECT 2;\n",
            "SELECT 1;\r\nSELECT 2;",
            "\uFEFFCREATE TABLE t (v VARCHAR); -- é, ü, 漢字\n\n\n  INSERT INTO t VALUES ('\u00e9');\r",
            "",
            "\n",
    })
    void checksumWhenAnyScriptThenEqualsFlywaysOwn(String script, @TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__script.sql"), script, StandardCharsets.UTF_8);
        int flyways = Flyway.configure()
                .dataSource(memoryH2())
                .locations("filesystem:" + folder)
                .load()
                .info()
                .pending()[0]
                .getChecksum();

        assertThat(SchemaHistory.checksum(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(flyways);
    }

    @Test
    void checksumWhenNotUtf8ThenThrowsAsFlywayRefusesToReadIt() {
        byte[] invalid = {'S', 'E', 'L', (byte) 0xC3, (byte) 0x28};

        assertThatThrownBy(() -> SchemaHistory.checksum(new ByteArrayInputStream(invalid))).isInstanceOf(IOException.class);
    }

    @Test
    void isCurrentWhenMigratedThenTrueOnH2AndPostgres() {
        assertThat(SchemaHistory.isCurrent(dataSource(TestDatabases.h2()), LOADER)).isTrue();
        assertThat(SchemaHistory.isCurrent(dataSource(TestDatabases.postgres()), LOADER)).isTrue();
    }

    @Test
    void isCurrentWhenEmptyOrBehindThenFalse() {
        TestDatabases.Location location = TestDatabases.emptyH2();
        assertThat(isCurrent(location)).isFalse();

        location.migrateTo("3");

        assertThat(isCurrent(location)).isFalse();
    }

    @Test
    void isCurrentWhenAChecksumDiffersThenFalseAndOpenLeavesItToFlywayWhichRefuses() {
        TestDatabases.Location location = migratedThenEdited(
                "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '2'");

        assertThat(isCurrent(location)).isFalse();
        assertThatThrownBy(() -> Database.open(location.url(), location.user(), location.password()).close())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void isCurrentWhenADescriptionDiffersThenFalseAndOpenLeavesItToFlywayWhichRefuses() {
        TestDatabases.Location location = migratedThenEdited(
                "UPDATE \"flyway_schema_history\" SET \"description\" = 'renamed' WHERE \"version\" = '2'");

        assertThat(isCurrent(location)).isFalse();
        assertThatThrownBy(() -> Database.open(location.url(), location.user(), location.password()).close())
                .isInstanceOf(FlywayException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDBC", "BASELINE", "DELETE", "UNDO_SQL"})
    void isCurrentWhenARowIsOfAnotherTypeThenFalse(String type) {
        TestDatabases.Location location = migratedThenEdited(
                "UPDATE \"flyway_schema_history\" SET \"type\" = '" + type + "' WHERE \"version\" = '3'");

        assertThat(isCurrent(location)).isFalse();
    }

    @Test
    void isCurrentWhenAVersionlessNoteOfFlywaysStandsAmongTheMigrationsThenFalse() {
        // Flyway writes its note that it made the table at rank -1, and reads no row below rank 0; at rank 0 or
        // above, a TABLE row is a type that Flyway does not know
        TestDatabases.Location location = migratedThenEdited(
                "UPDATE \"flyway_schema_history\" SET \"installed_rank\" = 0 WHERE \"version\" IS NULL");

        assertThat(isCurrent(location)).isFalse();
    }

    @Test
    void isCurrentWhenInstalledInAnotherOrderThenFalse() {
        TestDatabases.Location location = migratedThenEdited(
                "UPDATE \"flyway_schema_history\" SET \"installed_rank\" = 100 WHERE \"version\" = '1'");

        assertThat(isCurrent(location)).isFalse();
    }

    @Test
    void isCurrentOnPostgresWhenOnlyAnotherSchemaOnTheSearchPathIsMigratedThenFalse() {
        TestDatabases.TestDatabase migrated = TestDatabases.postgres();
        TestDatabases.Location empty = TestDatabases.emptyPostgres();
        // the empty schema first on the search path, the migrated one after it: Flyway would migrate the first
        String searchPath = empty.url().replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1") + ","
                + migrated.url().replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
        TestDatabases.Location both = new TestDatabases.Location(
                empty.url().replaceAll("currentSchema=[a-z0-9_]+", "currentSchema=" + searchPath), empty.user(), empty.password());
        assertThat(SchemaHistory.isCurrent(dataSource(migrated), LOADER)).isTrue();

        assertThat(SchemaHistory.isCurrent(dataSource(both), LOADER)).isFalse();
        assertThat(Database.migrateUnlessCurrent(dataSource(both))).isTrue();
        assertThat(SchemaHistory.isCurrent(dataSource(empty), LOADER)).isTrue();
    }

    @Test
    void isCurrentWhenAMigrationFailedThenFalse() {
        TestDatabases.Location location = migratedThenEdited(
                "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '5'");

        assertThat(isCurrent(location)).isFalse();
    }

    @Test
    void isCurrentWhenALaterVersionMigratedTheSchemaThenFalseAndFlywayLetsTheServerRun() {
        TestDatabases.Location location = migratedThenEdited("""
                INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script",
                    "checksum", "installed_by", "execution_time", "success")
                VALUES (99, '99', 'from a later version', 'SQL', 'V99__from_a_later_version.sql', 7, 'sa', 1, TRUE)
                """);

        assertThat(isCurrent(location)).isFalse();
        assertThat(Database.migrateUnlessCurrent(dataSource(location))).isTrue();
    }

    @Test
    void migrateUnlessCurrentWhenBehindThenFlywayMigratesAndNextTimeIsSkipped() {
        TestDatabases.Location location = TestDatabases.emptyH2();
        location.migrateTo("2");

        assertThat(Database.migrateUnlessCurrent(dataSource(location))).isTrue();
        assertThat(Database.migrateUnlessCurrent(dataSource(location))).isFalse();
        assertThat(flyway(location).info().pending()).isEmpty();
    }

    @Test
    void bundledWhenInAJarThenListsItsVersionedScriptsInVersionOrder(@TempDir Path folder) throws IOException {
        Path jar = jar(folder, Map.of(
                "db/migration/V10__ten.sql", "SELECT 10;",
                "db/migration/V9__nine.sql", "SELECT 9;",
                "db/migration/V9_1__nine_one.sql", "SELECT 91;",
                "other/V1__elsewhere.sql", "SELECT 1;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SchemaHistory.bundled(loader)).hasValueSatisfying(bundled -> assertThat(bundled)
                    .extracting(Migration::version, Migration::script)
                    .containsExactly(
                            tuple("9", "V9__nine.sql"),
                            tuple("9.1", "V9_1__nine_one.sql"),
                            tuple("10", "V10__ten.sql")));
        }
    }

    @Test
    void bundledWhenInAMultiReleaseJarThenListsItsScripts(@TempDir Path folder) throws IOException {
        // a multi-release jar, as the server jar is, names the folder with its trailing slash
        Path jar = jar(folder, Map.of(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMulti-Release: true\n",
                "db/migration/V1__one.sql", "SELECT 1;",
                "db/migration/V2__two.sql", "SELECT 2;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(loader.getResource(SchemaHistory.LOCATION)).asString().endsWith("/db/migration/");
            assertThat(SchemaHistory.bundled(loader)).hasValueSatisfying(bundled -> assertThat(bundled)
                    .extracting(Migration::script)
                    .containsExactly("V1__one.sql", "V2__two.sql"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db/migration/R__repeatable.sql", "db/migration/V2__script.java", "db/migration/sub/V3__deeper.sql",
            "db/migration/v2__lower_case.sql"})
    void bundledWhenAResourceIsNotAPlainVersionedScriptThenNoAnswer(String other, @TempDir Path folder) throws IOException {
        Path jar = jar(folder, Map.of("db/migration/V1__one.sql", "SELECT 1;", other, "SELECT 2;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SchemaHistory.bundled(loader)).isEmpty();
        }
    }

    @Test
    void isCurrentWhenNoMigrationIsBundledThenFalse(@TempDir Path folder) throws IOException {
        Path jar = jar(folder, Map.of("other/V1__one.sql", "SELECT 1;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SchemaHistory.bundled(loader)).hasValue(List.of());
            assertThat(SchemaHistory.isCurrent(dataSource(TestDatabases.h2()), loader)).isFalse();
        }
    }

    /** A database migrated by this jar, whose history {@code edit} (SQL) then changes. */
    private static TestDatabases.Location migratedThenEdited(String edit) {
        TestDatabases.Location location = TestDatabases.emptyH2();
        flyway(location).migrate();
        history(location, edit);
        return location;
    }

    private boolean isCurrent(TestDatabases.Location location) {
        return SchemaHistory.isCurrent(dataSource(location), LOADER);
    }

    private static Flyway flyway(TestDatabases.Location location) {
        return Flyway.configure()
                .dataSource(location.url(), location.user(), location.password())
                .locations("classpath:db/migration")
                .load();
    }

    private static JdbcDataSource memoryH2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:schema-history-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private javax.sql.DataSource dataSource(TestDatabases.TestDatabase db) {
        return dataSource(new TestDatabases.Location(db.url(), db.user(), db.password()));
    }

    /** A small pool on the database, closed after the test. */
    private javax.sql.DataSource dataSource(TestDatabases.Location location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.url());
        config.setUsername(location.user());
        config.setPassword(location.password());
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    private static void history(TestDatabases.Location location, String sql) {
        Jdbi.create(location.url(), location.user(), location.password()).useHandle(handle -> handle.execute(sql));
    }

    private static Path jar(Path folder, Map<String, String> entries) throws IOException {
        Path jar = folder.resolve("migrations.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entriesOut = new JarOutputStream(out)) {
            // folders have entries of their own, as in the jars that Maven builds
            Set<String> folders = new TreeSet<>();
            for (String name : entries.keySet()) {
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    folders.add(name.substring(0, slash + 1));
                }
            }
            for (String name : folders) {
                entriesOut.putNextEntry(new JarEntry(name));
                entriesOut.closeEntry();
            }
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                entriesOut.putNextEntry(new JarEntry(entry.getKey()));
                entriesOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                entriesOut.closeEntry();
            }
        }
        return jar;
    }
}
