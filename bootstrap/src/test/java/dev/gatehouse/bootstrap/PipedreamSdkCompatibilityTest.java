package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives Gatehouse the way Pipedream's SDKs do (shared/docs/reference/pipedream-api-notes.md §8): a JSON
 * token body with only client_id, client_secret and grant_type, the x-pd-environment and X-Fern-* headers,
 * the token kept until expires_in minus two minutes, and the Connect projects API read in the SDK's shapes.
 */
class PipedreamSdkCompatibilityTest {

    @TempDir
    Path dir;

    /** The SDK's OAuthTokenProvider: cache until {@code now + expires_in - 2 min} (half the lifetime when short). */
    private static final class SdkTokenProvider {
        private final TestServer server;
        private final String clientId;
        private final String clientSecret;
        private final Clock clock;
        final AtomicInteger tokenRequests = new AtomicInteger();
        private String token;
        private Instant expiresAt = Instant.EPOCH;

        SdkTokenProvider(TestServer server, String clientId, String clientSecret, Clock clock) {
            this.server = server;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.clock = clock;
        }

        String getToken() {
            if (token != null && clock.instant().isBefore(expiresAt)) {
                return token;
            }
            tokenRequests.incrementAndGet();
            TestServer.Response response = server.send(sdkHeaders(server.request("/v1/oauth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + clientId + "\",\"client_secret\":\""
                            + clientSecret + "\",\"grant_type\":\"client_credentials\"}")));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("access_token").isTextual()).isTrue();
            assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
            assertThat(body.get("expires_in").isIntegralNumber()).isTrue();
            long expiresIn = body.get("expires_in").asLong();
            Duration lifetime = expiresIn * 1000 > Duration.ofMinutes(4).toMillis()
                    ? Duration.ofSeconds(expiresIn).minusMinutes(2)
                    : Duration.ofSeconds(expiresIn).dividedBy(2);
            token = body.get("access_token").asText();
            expiresAt = clock.instant().plus(lifetime);
            return token;
        }
    }

    private static HttpRequest.Builder sdkHeaders(HttpRequest.Builder request) {
        return request.header("x-pd-environment", "development")
                .header("X-Fern-Language", "JavaScript")
                .header("X-Fern-SDK-Name", "@pipedream/sdk")
                .header("X-Fern-SDK-Version", "3.1.6")
                .header("X-Fern-Runtime", "node")
                .header("X-Fern-Runtime-Version", "20.20.2")
                .header("User-Agent", "@pipedream/sdk/3.1.6");
    }

    @Test
    void theSdksTokenFlowAndProjectsCallsWorkUnchanged() throws Exception {
        try (TestServer server = TestServer.start(TestServer.memoryDb(), Optional.of(dir.resolve("boot.json")))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"connect:*\"]");
            SdkTokenProvider provider = new SdkTokenProvider(server, client[0], client[1], Clock.systemUTC());

            TestServer.Response created = server.send(sdkHeaders(server.request("/v1/connect/projects"))
                    .header("Authorization", "Bearer " + provider.getToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"sdk-project\",\"app_name\":\"Acme\","
                            + "\"support_email\":\"help@acme.test\",\"connect_require_key_auth_test\":true}")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode project = created.json();
            assertThat(project.get("id").asText()).startsWith("proj_");
            assertThat(project.get("name").asText()).isEqualTo("sdk-project");
            assertThat(project.get("app_name").asText()).isEqualTo("Acme");
            assertThat(project.get("support_email").asText()).isEqualTo("help@acme.test");
            assertThat(project.get("connect_require_key_auth_test").asBoolean()).isTrue();

            for (int call = 0; call < 3; call++) {
                TestServer.Response list = server.send(sdkHeaders(server.request("/v1/connect/projects?limit=10"))
                        .header("Authorization", "Bearer " + provider.getToken()).GET());
                assertThat(list.status()).isEqualTo(200);
                assertThat(list.json().get("data").isArray()).isTrue();
                assertThat(list.json().get("page_info").has("total_count")).isTrue();
                assertThat(list.body()).contains(project.get("id").asText());
            }
            assertThat(provider.tokenRequests.get()).as("the token is reused for its cached lifetime").isEqualTo(1);

            TestServer.Response one = server.send(sdkHeaders(server.request("/v1/connect/projects/" + project.get("id").asText()))
                    .header("Authorization", "Bearer " + provider.getToken()).GET());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().get("id").asText()).isEqualTo(project.get("id").asText());
        }
    }
}
