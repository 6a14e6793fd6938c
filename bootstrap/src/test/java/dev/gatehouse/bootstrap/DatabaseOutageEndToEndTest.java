package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A server on PostgreSQL whose database stops taking connections answers 503 where it needs the database,
 * says so on /ready, keeps /health and the JWKS up, and recovers by itself when the database is back. Its
 * background tasks say once that they fail, not at every turn, and say when they work again.
 */
class DatabaseOutageEndToEndTest {

    @TempDir
    Path dir;

    private FreshPostgresDatabase database;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger gatehouseLog = (Logger) LoggerFactory.getLogger(Gatehouse.class);

    @BeforeEach
    void createDatabase() {
        database = FreshPostgresDatabase.create("gh_outage_");
        logs.start();
        gatehouseLog.addAppender(logs);
    }

    @AfterEach
    void dropDatabase() {
        gatehouseLog.detachAppender(logs);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void answers503WhileTheDatabaseIsUnreachableAndRecoversWithoutARestart() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, database.url(), database.user, database.password, 4, Optional.empty(),
                Optional.of(dir.resolve("boot.json")), Duration.ofSeconds(3600), false, Duration.ofSeconds(15), 1000,
                Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5));
        try (TestServer server = TestServer.start(config)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"*\"]");
            assertThat(server.get("/ready", null).status()).isEqualTo(200);

            database.admin("ALTER DATABASE " + database.name + " ALLOW_CONNECTIONS false");
            database.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name + "'");

            TestServer.Response token = server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                    Workspace.basic(client[0], client[1]));
            assertThat(token.status()).as(token.body()).isEqualTo(503);
            assertThat(token.header("Retry-After")).isEqualTo("1");
            assertThat(token.json().get("error").asText()).contains("database");
            assertThat(server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey).status()).isEqualTo(503);
            assertThat(server.get("/ready", null).status()).isEqualTo(503);
            assertThat(server.get("/health", null).status()).isEqualTo(200);
            assertThat(server.get("/.well-known/jwks.json", null).status()).isEqualTo(200);

            // the revocation sync runs every second: it warns once, then keeps failing without a word
            long failing = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < failing && lines(Level.WARN, "revocation sync failed") == 0) {
                Thread.sleep(100);
            }
            assertThat(lines(Level.WARN, "revocation sync failed")).isEqualTo(1);
            Thread.sleep(4_000); // each turn waits up to 2.5 s for a connection, then fails

            database.admin("ALTER DATABASE " + database.name + " ALLOW_CONNECTIONS true");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                status = server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                        Workspace.basic(client[0], client[1])).status();
                Thread.sleep(200);
            }
            assertThat(status).as("recovered without a restart").isEqualTo(200);
            assertThat(server.get("/ready", null).status()).isEqualTo(200);

            long logged = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < logged && lines(Level.INFO, "revocation sync works again") == 0) {
                Thread.sleep(100);
            }
            assertThat(lines(Level.WARN, "revocation sync failed")).isEqualTo(1);
            assertThat(messages(Level.INFO, "revocation sync works again")).singleElement().satisfies(message ->
                    assertThat(Integer.parseInt(message.replaceAll("\\D+", ""))).as(message).isGreaterThanOrEqualTo(2));
        }
    }

    private long lines(Level level, String start) {
        return messages(level, start).size();
    }

    private java.util.List<String> messages(Level level, String start) {
        synchronized (logs) {
            return logs.list.stream()
                    .filter(event -> event.getLevel() == level && event.getFormattedMessage().startsWith(start))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }
}
