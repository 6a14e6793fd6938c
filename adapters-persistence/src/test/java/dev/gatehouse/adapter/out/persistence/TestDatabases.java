package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.testing.Stores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh, empty, migrated databases for tests (or empty, unmigrated ones: {@link Location}): an in-memory H2
 * database with a unique name, or a new schema in the PostgreSQL at {@code jdbc:postgresql://127.0.0.1:5432/test} (override with the environment
 * variables {@code GATEHOUSE_TEST_PG_URL}, {@code GATEHOUSE_TEST_PG_USER} and {@code GATEHOUSE_TEST_PG_PASSWORD}).
 * An unreachable PostgreSQL fails the test rather than skipping it. Test classes that open databases
 * declare {@code @ExtendWith(TestDatabases.CloseAfterEach.class)}, which closes them and drops their schemas.
 */
final class TestDatabases {

    private static final String PG_URL = env("GATEHOUSE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_PASSWORD = env("GATEHOUSE_TEST_PG_PASSWORD", "");
    /** Local clusters trust either the {@code postgres} superuser or the OS user's role; CI runs as root. */
    private static final List<String> PG_USERS = System.getenv("GATEHOUSE_TEST_PG_USER") != null
            ? List.of(System.getenv("GATEHOUSE_TEST_PG_USER"))
            : List.of("postgres", "root");

    private static final Deque<AutoCloseable> OPEN = new ConcurrentLinkedDeque<>();
    private static volatile String pgUser;

    private TestDatabases() {}

    /** One empty database, opened and migrated; {@link #openAnother()} opens a second pool on it, like a second server. */
    record TestDatabase(Database database, String url, String user, String password) {

        Stores stores() {
            return TestDatabases.stores(database);
        }

        Database openAnother() {
            return register(Database.open(url, user, password));
        }

        /** Direct access for checks of what the tables hold. */
        Jdbi jdbi() {
            return Jdbi.create(url, user, password);
        }
    }

    /** Where an empty database is, not yet migrated; it is dropped with the databases opened on it. */
    record Location(String url, String user, String password) {

        /** Migrates the database up to and including {@code version} only, as an older server would have. */
        void migrateTo(String version) {
            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .target(version)
                    .load()
                    .migrate();
        }

        TestDatabase open() {
            return new TestDatabase(register(Database.open(url, user, password)), url, user, password);
        }
    }

    static TestDatabase h2() {
        return emptyH2().open();
    }

    static TestDatabase postgres() {
        return emptyPostgres().open();
    }

    static Location emptyH2() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        OPEN.push(() -> run(url, "sa", "", "SHUTDOWN"));
        return new Location(url, "sa", "");
    }

    static Location emptyPostgres() {
        String user = pgUser();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try {
            run(PG_URL, user, PG_PASSWORD, "CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " in " + PG_URL, e);
        }
        OPEN.push(() -> run(PG_URL, user, PG_PASSWORD, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        return new Location(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, PG_PASSWORD);
    }

    static Stores stores(Database db) {
        return new Stores(db.workspaces(), db.users(), db.apiKeys(), db.clients(), db.installations(),
                db.signingKeys(), db.auditLog(), db.sources(), db.revokedTokens(), db.projects());
    }

    /** Closes every database opened since the last call, newest first, and drops its schema. */
    static void closeAll() throws Exception {
        Exception failure = null;
        for (AutoCloseable next = OPEN.poll(); next != null; next = OPEN.poll()) {
            try {
                next.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes the databases a test opened once it has run. */
    static final class CloseAfterEach implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            closeAll();
        }
    }

    private static Database register(Database db) {
        OPEN.push(db);
        return db;
    }

    private static String pgUser() {
        String user = pgUser;
        if (user != null) {
            return user;
        }
        List<SQLException> failures = new ArrayList<>();
        for (String candidate : PG_USERS) {
            try (Connection ignored = DriverManager.getConnection(PG_URL, candidate, PG_PASSWORD)) {
                pgUser = candidate;
                return candidate;
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        IllegalStateException unreachable = new IllegalStateException(
                "PostgreSQL is unreachable at " + PG_URL + " as any of " + PG_USERS
                        + "; start it (pg_ctlcluster <version> main start) or set GATEHOUSE_TEST_PG_URL/_USER/_PASSWORD");
        failures.forEach(unreachable::addSuppressed);
        throw unreachable;
    }

    private static void run(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
