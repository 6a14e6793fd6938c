package dev.gatehouse.bootstrap.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.LibraryServer;
import dev.gatehouse.client.TokenClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client library's {@link TokenClient} against a real Gatehouse. */
class TokenClientEndToEndTest {

    @TempDir
    Path dir;

    private static TokenClient clientFor(LibraryServer server, String[] client) {
        return TokenClient.forBaseUrl(server.base()).clientId(client[0]).clientSecret(client[1]).build();
    }

    @Test
    void accessTokenWhenTtlIsShortThenRefreshedBeforeExpiry() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofSeconds(3))) {
            TokenClient client = clientFor(server, server.client("[\"*\"]"));
            String workspace = "/v1/workspaces/" + server.workspaceId();

            String first = client.accessToken();
            assertThat(client.accessToken()).as("cached while fresh").isEqualTo(first);
            Thread.sleep(1700);
            String second = client.accessToken();
            assertThat(second).as("refreshed after half the 3 s lifetime").isNotEqualTo(first);
            assertThat(server.statusOf(workspace, first)).as("the old token had not expired yet").isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(server.statusOf(workspace, client.accessToken())).isEqualTo(200);
                Thread.sleep(250);
            }
        }
    }

    @Test
    void accessTokenWhenHundredThreadsAskAtOnceThenOneTokenIsIssued() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1))) {
            TokenClient client = clientFor(server, server.client("[\"workspace:read\"]"));
            ExecutorService pool = Executors.newFixedThreadPool(100);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return client.accessToken();
                    }));
                }
                start.countDown();
                Set<String> tokens = ConcurrentHashMap.newKeySet();
                for (Future<String> answer : answers) {
                    tokens.add(answer.get());
                }
                // The server issues a new token (new jti) for every request, so one token means one request.
                assertThat(tokens).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void sendWhenCurrentTokenWasRevokedThenGets401OnceAndSucceedsWithFreshToken() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1))) {
            String[] credentials = server.client("[\"*\"]");
            TokenClient client = clientFor(server, credentials);
            String workspace = "/v1/workspaces/" + server.workspaceId();
            String revoked = client.accessToken();
            assertThat(server.revoke(revoked, credentials)).isEqualTo(200);
            assertThat(server.statusOf(workspace, revoked)).isEqualTo(401);

            HttpResponse<String> response = client.send(server.request(workspace).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.request().headers().firstValue("Authorization")).isNotEqualTo("Bearer " + revoked);
            assertThat(client.accessToken()).isNotEqualTo(revoked);
        }
    }

    @Test
    void discoverWhenServerPublishesMetadataThenTokensWork() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1), null, Duration.ZERO)) {
            String[] credentials = server.client("[\"workspace:read\"]");
            TokenClient client = TokenClient.discover(server.base()).clientId(credentials[0])
                    .clientSecret(credentials[1]).scope("workspace:read").build();

            assertThat(client.tokenEndpoint().getPath()).isEqualTo("/v1/oauth/token");
            assertThat(server.statusOf("/v1/workspaces/" + server.workspaceId(), client.accessToken())).isEqualTo(200);
        }
    }
}
