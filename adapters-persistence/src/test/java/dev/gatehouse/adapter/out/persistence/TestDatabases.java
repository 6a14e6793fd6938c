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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Fresh, empty, migrated databases for tests (or empty, unmigrated ones: {@link Location}): an in-memory H2
 * database with a unique name, or a new schema in a PostgreSQL database. Test classes that open databases
 * declare {@code @ExtendWith(TestDatabases.CloseAfterEach.class)}, which closes them and drops their schemas.
 *
 * <p>Which PostgreSQL, and what happens when it does not answer, is {@link PgServer}'s: the one named by the
 * environment variable {@code GATEHOUSE_TEST_PG_URL} must answer, else the test fails; without that variable,
 * the local default {@code jdbc:postgresql://127.0.0.1:5432/test} is tried, and if it does not answer the
 * PostgreSQL tests are skipped, saying so, so that {@code mvn verify} passes on a laptop without PostgreSQL.
 */
final class TestDatabases {

    static final String PG_URL_VARIABLE = "GATEHOUSE_TEST_PG_URL";
    static final String PG_USER_VARIABLE = "GATEHOUSE_TEST_PG_USER";
    static final String PG_PASSWORD_VARIABLE = "GATEHOUSE_TEST_PG_PASSWORD";
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    /** The master key that {@link #stores(Database)} opens the signing keys with. */
    static final AesGcmSecretSealer SEALER = AesGcmSecretSealer.random(new java.security.SecureRandom());

    private static final PgServer PG = PgServer.fromEnvironment(System.getenv());
    private static final String PG_URL = PG.url();
    private static final String PG_PASSWORD = PG.password();

    private static final Deque<AutoCloseable> OPEN = new ConcurrentLinkedDeque<>();
    private static volatile String pgUser;
    private static volatile String pgSkipped;

    private TestDatabases() {}

    /** One empty database, opened and migrated; {@link #openAnother()} opens a second pool on it, like a second server. */
    record TestDatabase(Database database, String url, String user, String password) {

        Stores stores() {
            return TestDatabases.stores(database);
        }

        Database openAnother() {
            return register(Database.open(url, user, password));
        }

        /**
         * Another server on a PostgreSQL database, with {@code poolSize} connections that carry
         * {@code applicationName}, so that a test can find them in {@code pg_stat_activity}.
         */
        Database openAnother(String applicationName, int poolSize) {
            return register(Database.open(url + "&ApplicationName=" + applicationName, user, password, poolSize));
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
                db.signingKeys(SEALER), db.auditLog(), db.sources(), db.revokedTokens(), db.projects());
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

    /** The user to connect as; the first call finds out, and says once when the PostgreSQL tests are skipped. */
    private static synchronized String pgUser() {
        if (pgUser != null) {
            return pgUser;
        }
        Assumptions.assumeTrue(pgSkipped == null, () -> pgSkipped);
        try {
            pgUser = PG.connectingUser();
            return pgUser;
        } catch (TestAbortedException e) {
            pgSkipped = e.getMessage().replaceFirst("^Assumption failed: ", "");
            System.err.println("[WARNING] " + pgSkipped);
            throw e;
        }
    }

    /**
     * The PostgreSQL that the tests use: the one that {@value #PG_URL_VARIABLE} names, which is then
     * {@code required}, or else the local default, which may be missing.
     */
    record PgServer(String url, List<String> users, String password, boolean required) {

        static final String SKIPPED = "PostgreSQL skipped: set " + PG_URL_VARIABLE + " (and " + PG_USER_VARIABLE
                + ", " + PG_PASSWORD_VARIABLE + ") to run the PostgreSQL tests against a server that must answer";

        /** Local clusters trust either the {@code postgres} superuser or the OS user's role; CI runs as root. */
        static PgServer fromEnvironment(Map<String, String> environment) {
            String url = nonBlank(environment.get(PG_URL_VARIABLE));
            String user = nonBlank(environment.get(PG_USER_VARIABLE));
            String password = nonBlank(environment.get(PG_PASSWORD_VARIABLE));
            return new PgServer(url == null ? DEFAULT_PG_URL : url,
                    user == null ? List.of("postgres", "root") : List.of(user),
                    password == null ? "" : password,
                    url != null);
        }

        /**
         * The first of {@link #users} that can connect.
         *
         * @throws IllegalStateException when none can and the server is {@code required}: the test fails
         * @throws TestAbortedException when none can and the server is the optional default: the test is skipped
         */
        String connectingUser() {
            List<SQLException> failures = new ArrayList<>();
            for (String candidate : users) {
                try (Connection ignored = DriverManager.getConnection(url, candidate, password)) {
                    return candidate;
                } catch (SQLException e) {
                    failures.add(e);
                }
            }
            if (!required) {
                try {
                    Assumptions.assumeTrue(false, SKIPPED + "; none answers at " + url + " as any of " + users);
                } catch (TestAbortedException skipped) {
                    failures.forEach(skipped::addSuppressed);
                    throw skipped;
                }
            }
            IllegalStateException unreachable = new IllegalStateException(
                    "PostgreSQL is unreachable at " + url + " (from " + PG_URL_VARIABLE + ") as any of " + users
                            + "; start it or correct " + PG_URL_VARIABLE + ", " + PG_USER_VARIABLE + " and "
                            + PG_PASSWORD_VARIABLE);
            failures.forEach(unreachable::addSuppressed);
            throw unreachable;
        }

        private static String nonBlank(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    private static void run(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
