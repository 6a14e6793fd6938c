package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A throw-away PostgreSQL database for one test, made next to {@code GATEHOUSE_TEST_PG_URL} (or the local
 * PostgreSQL). When the variable is set, PostgreSQL must answer; when it is not and none answers, the test
 * is skipped, and says so.
 */
final class FreshPostgresDatabase implements AutoCloseable {

    final String user;
    final String password;
    final String name;
    private final String adminUrl;

    private FreshPostgresDatabase(String adminUrl, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    static FreshPostgresDatabase create(String prefix) {
        String configured = System.getenv("GATEHOUSE_TEST_PG_URL");
        String adminUrl = configured != null ? configured : "jdbc:postgresql://127.0.0.1:5432/test";
        String user = Optional.ofNullable(System.getenv("GATEHOUSE_TEST_PG_USER")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("GATEHOUSE_TEST_PG_PASSWORD")).orElse("");
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        FreshPostgresDatabase database = new FreshPostgresDatabase(adminUrl, user, password, name);
        try {
            database.admin("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (configured != null) {
                throw new AssertionError("GATEHOUSE_TEST_PG_URL is set but PostgreSQL cannot be used: " + e.getMessage(), e);
            }
            System.err.println("PostgreSQL skipped: set GATEHOUSE_TEST_PG_URL to run this test (" + e.getMessage() + ")");
            assumeTrue(false, "PostgreSQL skipped: set GATEHOUSE_TEST_PG_URL to run this test");
        }
        return database;
    }

    /** The JDBC URL of this database: the admin URL with its database name replaced. */
    String url() {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
    }

    /** Runs one statement on the admin connection (the database the URL names, not this one). */
    void admin(String statement) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password); Statement sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }

    @Override
    public void close() {
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // already gone
        }
    }
}
