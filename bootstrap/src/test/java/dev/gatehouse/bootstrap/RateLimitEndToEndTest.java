package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapter.in.http.common.RateLimits;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract §4's rate limits over real HTTP: guessing a client's secret meets {@code 429 {"error":"Throttled"}}
 * with {@code Retry-After} and the {@code X-RateLimit-*} headers; failed bearer checks are limited per address;
 * honest traffic under the default limits never meets a 429.
 */
class RateLimitEndToEndTest {

    private static final String TOKEN = "/v1/oauth/token";

    @TempDir
    Path dir;

    private TestServer start(UnaryOperator<ServerConfig> configure) {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb()).withBootstrapFile(dir.resolve("boot.json"));
        return TestServer.start(configure.apply(config));
    }

    private static TestServer.Response tokenRequest(TestServer server, String clientId, String secret) {
        return server.postForm(TOKEN, "grant_type=client_credentials", Workspace.basic(clientId, secret));
    }

    private static void assertThrottled(TestServer.Response response) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json().get("error").asText()).isEqualTo("Throttled");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(response.header("X-RateLimit-Limit")).isNotNull();
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(response.header("X-RateLimit-Reset"))).isGreaterThan(System.currentTimeMillis() / 1000 - 1);
    }

    @Test
    void bruteForceAgainstOneClientIdMeets429WithRetryAfterUnderTheDefaults() throws Exception {
        try (TestServer server = start(c -> c)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] victim = ws.client("[\"*\"]");
            String[] bystander = ws.client("[\"*\"]");

            List<Integer> statuses = new ArrayList<>();
            TestServer.Response throttled = null;
            for (int i = 0; i < 80; i++) {
                TestServer.Response response = tokenRequest(server, victim[0], "gts_guess" + i);
                statuses.add(response.status());
                if (response.status() == 429 && throttled == null) {
                    throttled = response;
                }
            }

            assertThat(statuses.subList(0, 60)).containsOnly(401);
            assertThat(statuses.subList(60, 80)).isSubsetOf(401, 429);
            assertThat(statuses.subList(60, 80).stream().filter(s -> s == 429).count())
                    .as("a refill of one guess a second lets few through").isGreaterThanOrEqualTo(15);
            assertThrottled(throttled);
            assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("60");
            assertThrottled(tokenRequest(server, victim[0], victim[1]));
            assertThat(tokenRequest(server, bystander[0], bystander[1]).status()).isEqualTo(200);
            assertThat(server.postForm("/v1/oauth/introspect", "token=x", Workspace.basic(victim[0], victim[1])).status()).isEqualTo(429);
        }
    }

    @Test
    void tokenRequestsAreLimitedPerClientAndTheAnswersSayHowManyRemain() throws Exception {
        try (TestServer server = start(c -> c.withRateLimits(new RateLimits(60, 3, 300, 10)))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"*\"]");

            TestServer.Response first = tokenRequest(server, client[0], client[1]);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
            assertThat(tokenRequest(server, client[0], client[1]).header("X-RateLimit-Remaining")).isEqualTo("1");
            assertThat(tokenRequest(server, client[0], client[1]).status()).isEqualTo(200);

            assertThrottled(tokenRequest(server, client[0], client[1]));
        }
    }

    @Test
    void theOAuthEndpointsAreLimitedPerAddressWhateverClientIdIsNamed() throws Exception {
        try (TestServer server = start(c -> c.withRateLimits(new RateLimits(60, 600, 300, 10, 1000, 5)))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            List<String[]> clients = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                clients.add(ws.client("[\"*\"]"));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(tokenRequest(server, clients.get(i)[0], "wrong").status()).isEqualTo(401);
            }

            assertThrottled(tokenRequest(server, clients.get(5)[0], clients.get(5)[1]));
        }
    }

    @Test
    void failedBearerChecksAreLimitedPerAddressBeforeAnythingIsVerified() throws Exception {
        try (TestServer server = start(c -> c.withRateLimits(new RateLimits(60, 600, 5, 10)))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            assertThat(server.get("/v1/users/me", ws.apiKey).status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                assertThat(server.get("/v1/users/me", "gtk_forged" + i).status()).isEqualTo(401);
            }

            TestServer.Response refused = server.get("/v1/users/me", ws.apiKey);

            assertThrottled(refused);
            assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("5");
        }
    }

    @Test
    void behindATrustedProxyEachForwardedAddressHasItsOwnBucket() throws Exception {
        try (TestServer server = start(c -> c.withRateLimits(new RateLimits(60, 600, 2, 10))
                .withOrigins(List.of(), List.of("127.0.0.1", "::1")))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            for (int i = 0; i < 2; i++) {
                assertThat(getMe(server, "gtk_forged", "203.0.113.1").status()).isEqualTo(401);
            }

            assertThat(getMe(server, ws.apiKey, "203.0.113.1").status()).isEqualTo(429);
            assertThat(getMe(server, ws.apiKey, "203.0.113.2").status()).isEqualTo(200);
        }
    }

    @Test
    void withoutATrustedProxyTheForwardedHeaderCannotDodgeTheLimit() throws Exception {
        try (TestServer server = start(c -> c.withRateLimits(new RateLimits(60, 600, 2, 10)))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            for (int i = 0; i < 2; i++) {
                assertThat(getMe(server, "gtk_forged", "203.0.113." + i).status()).isEqualTo(401);
            }

            assertThat(getMe(server, ws.apiKey, "203.0.113.99").status()).isEqualTo(429);
        }
    }

    private static TestServer.Response getMe(TestServer server, String bearer, String forwardedFor) {
        HttpRequest.Builder request = server.request("/v1/users/me").GET().header("Authorization", "Bearer " + bearer)
                .header("X-Forwarded-For", forwardedFor);
        return server.send(request);
    }

    @Test
    void honestTrafficUnderTheDefaultLimitsNeverMeets429() throws Exception {
        try (TestServer server = start(c -> c)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            List<Integer> statuses = new ArrayList<>();
            String source = ws.source("honest");
            for (int c = 0; c < 3; c++) {
                String[] client = ws.client("[\"*\"]");
                for (int i = 0; i < 5; i++) {
                    statuses.add(tokenRequest(server, client[0], client[1] + "typo").status());
                }
                for (int i = 0; i < 150; i++) {
                    TestServer.Response token = switch (i % 3) {
                        case 0 -> tokenRequest(server, client[0], client[1]);
                        case 1 -> server.postForm(TOKEN, "grant_type=client_credentials&client_id=" + client[0]
                                + "&client_secret=" + client[1], null);
                        default -> server.postJson(TOKEN, null, "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                                + client[0] + "\",\"client_secret\":\"" + client[1] + "\"}");
                    };
                    statuses.add(token.status());
                    String accessToken = token.json().get("access_token").asText();
                    statuses.add(server.get("/v1/sources/" + source, accessToken).status());
                    if (i % 10 == 0) {
                        statuses.add(server.get("/v1/sources/" + source, accessToken + "x").status());
                        statuses.add(server.postForm("/v1/oauth/introspect", "token=" + accessToken,
                                Workspace.basic(client[0], client[1])).status());
                    }
                }
            }

            assertThat(statuses).hasSizeGreaterThan(900).doesNotContain(429);
        }
    }
}
