package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers, each with its own caches, on one fresh PostgreSQL database are one Gatehouse (contract §9).
 * Runs on a fresh database next to {@code GATEHOUSE_TEST_PG_URL}, or on the local PostgreSQL; without either
 * it is skipped, and says so.
 */
class TwoNodesOnPostgresEndToEndTest {

    @TempDir
    Path dir;

    private FreshPostgresDatabase database;

    @BeforeEach
    void createDatabase() {
        database = FreshPostgresDatabase.create("gh_nodes_");
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private TestServer node(String issuer, Path bootstrapFile) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, database.url(), database.user, database.password, 5, Optional.of(issuer),
                Optional.of(bootstrapFile), Duration.ofSeconds(3600), false, Duration.ofSeconds(15), 1000, Duration.ofDays(1),
                Duration.ofDays(30), Duration.ofMinutes(5));
        // a client read by the token endpoint is trusted for a minute: only the signals of a change can end it
        return TestServer.start(config.withRecentClients(Duration.ofMinutes(1)));
    }

    /** Milliseconds until {@code status} first answers 401, polling every 10 ms for at most 5 s. */
    private static long millisUntil401(IntSupplier status) throws InterruptedException {
        return millisUntil(401, status);
    }

    /** Milliseconds until {@code status} first answers {@code expected}, polling every 10 ms for at most 5 s. */
    private static long millisUntil(int expected, IntSupplier status) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 5_000_000_000L) {
            if (status.getAsInt() == expected) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(10);
        }
        return Long.MAX_VALUE;
    }

    @Test
    void twoServersOnOneDatabaseActAsOne() throws Exception {
        String issuer = "http://gatehouse.test";
        try (TestServer a = node(issuer, dir.resolve("a.json")); TestServer b = node(issuer, dir.resolve("b.json"))) {
            assertThat(dir.resolve("a.json")).exists();
            assertThat(dir.resolve("b.json")).doesNotExist();
            Workspace onA = Workspace.of(a, dir.resolve("a.json"));
            Workspace onB = Workspace.of(b, dir.resolve("a.json"));
            String org = "/v1/workspaces/" + onA.orgId;

            assertThat(b.get("/v1/users/me", onA.apiKey).json().at("/data/orgs").size()).isEqualTo(1);
            assertThat(b.get("/.well-known/jwks.json", null).json()).isEqualTo(a.get("/.well-known/jwks.json", null).json());

            String[] client = onA.client("[\"*\"]");
            String tokenFromB = onB.token(client[0], client[1]);
            String tokenFromA = onA.token(client[0], client[1]);
            assertThat(b.get(org, tokenFromA).status()).isEqualTo(200);
            assertThat(a.get(org, tokenFromB).status()).isEqualTo(200);

            String clientsPath = org + "/oauth_clients";
            String recordId = a.get(clientsPath, onA.apiKey).json().get("data").get(0).get("id").asText();
            // B has just authenticated the client and trusts it for a minute: only the rotation's signal makes it forget
            TestServer.Response rotated = a.postJson(clientsPath + "/" + recordId + "/rotate_secret", onA.apiKey, "{}");
            assertThat(millisUntil401(() -> b.postForm("/v1/oauth/token", "grant_type=client_credentials",
                    Workspace.basic(client[0], client[1])).status())).isLessThan(1000);
            String secret = rotated.json().at("/data/client_secret").asText();

            String doomed = onA.token(client[0], secret);
            assertThat(b.get(org, doomed).status()).isEqualTo(200);
            a.postForm("/v1/oauth/revoke", "token=" + doomed, Workspace.basic(client[0], secret));
            assertThat(millisUntil401(() -> b.get(org, doomed).status())).isLessThan(1000);

            String[] second = onA.client("[\"*\"]");
            String secondToken = onA.token(second[0], second[1]);
            assertThat(b.get(org, secondToken).status()).isEqualTo(200);
            String secondId = a.get(clientsPath, onA.apiKey).json().get("data").get(1).get("id").asText();
            assertThat(a.delete(clientsPath + "/" + secondId, onA.apiKey).status()).isEqualTo(204);
            assertThat(millisUntil401(() -> b.get(org, secondToken).status())).isLessThan(1000);

            String source = onA.source("across");
            try (SseReader stream = SseReader.open(b.base + "/v1/sources/" + source + "/sse", onA.apiKey, Optional.empty())) {
                Thread.sleep(300);
                String id = onA.emit(source, "{\"from\":\"a\"}");
                assertThat(stream.next(Duration.ofSeconds(3)).id()).isEqualTo(id);
            }

            String members = org + "/members";
            TestServer.Response added = a.postJson(members, onA.apiKey, "{\"email\":\"leaving@example.test\",\"role\":\"member\"}");
            String memberKey = added.json().at("/data/api_key").asText();
            String memberId = added.json().at("/data/user_id").asText();
            assertThat(b.get(org, memberKey).status()).isEqualTo(200);
            assertThat(a.delete(members + "/" + memberId, onA.apiKey).status()).isEqualTo(204);
            assertThat(a.get(org, memberKey).status()).isEqualTo(404);
            assertThat(millisUntil(404, () -> b.get(org, memberKey).status())).isLessThan(1000);

            String oldKey = onA.apiKey;
            assertThat(b.get("/v1/users/me", oldKey).status()).isEqualTo(200);
            a.postJson("/v1/users/me/api_key/revoke", oldKey, "");
            assertThat(millisUntil401(() -> b.get("/v1/users/me", oldKey).status())).isLessThan(1000);

            a.close();
            assertThat(b.get(org, onB.token(client[0], secret)).status()).isEqualTo(200);
        }
    }
}
