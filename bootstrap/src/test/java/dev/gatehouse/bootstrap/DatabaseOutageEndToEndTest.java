package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on PostgreSQL whose database stops taking connections answers 503 where it needs the database,
 * says so on /ready, keeps /health and the JWKS up, and recovers by itself when the database is back.
 */
class DatabaseOutageEndToEndTest {

    @TempDir
    Path dir;

    private String adminUrl;
    private String user;
    private String password;
    private String database;

    @BeforeEach
    void createDatabase() {
        String configured = System.getenv("GATEHOUSE_TEST_PG_URL");
        adminUrl = configured != null ? configured : "jdbc:postgresql://127.0.0.1:5432/test";
        user = Optional.ofNullable(System.getenv("GATEHOUSE_TEST_PG_USER")).orElse("postgres");
        password = Optional.ofNullable(System.getenv("GATEHOUSE_TEST_PG_PASSWORD")).orElse("");
        database = "gh_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try {
            admin("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if (configured != null) {
                throw new AssertionError("GATEHOUSE_TEST_PG_URL is set but PostgreSQL cannot be used: " + e.getMessage(), e);
            }
            System.err.println("PostgreSQL skipped: set GATEHOUSE_TEST_PG_URL to run the outage test (" + e.getMessage() + ")");
            assumeTrue(false, "PostgreSQL skipped: set GATEHOUSE_TEST_PG_URL to run the outage test");
        }
    }

    @AfterEach
    void dropDatabase() {
        try {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            // never made
        }
    }

    private void admin(String statement) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password); Statement sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }

    private String nodeUrl() {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    @Test
    void answers503WhileTheDatabaseIsUnreachableAndRecoversWithoutARestart() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, nodeUrl(), user, password, 4, Optional.empty(),
                Optional.of(dir.resolve("boot.json")), Duration.ofSeconds(3600), false, Duration.ofSeconds(15), 1000,
                Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5));
        try (TestServer server = TestServer.start(config)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"*\"]");
            assertThat(server.get("/ready", null).status()).isEqualTo(200);

            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");

            TestServer.Response token = server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                    Workspace.basic(client[0], client[1]));
            assertThat(token.status()).as(token.body()).isEqualTo(503);
            assertThat(token.header("Retry-After")).isEqualTo("1");
            assertThat(token.json().get("error").asText()).contains("database");
            assertThat(server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey).status()).isEqualTo(503);
            assertThat(server.get("/ready", null).status()).isEqualTo(503);
            assertThat(server.get("/health", null).status()).isEqualTo(200);
            assertThat(server.get("/.well-known/jwks.json", null).status()).isEqualTo(200);

            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                status = server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                        Workspace.basic(client[0], client[1])).status();
                Thread.sleep(200);
            }
            assertThat(status).as("recovered without a restart").isEqualTo(200);
            assertThat(server.get("/ready", null).status()).isEqualTo(200);
        }
    }
}
