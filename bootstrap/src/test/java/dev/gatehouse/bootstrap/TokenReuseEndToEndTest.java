package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --token-reuse on} over real HTTP: the same token back while fresh, never a revoked one. */
class TokenReuseEndToEndTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static Workspace ws;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(dir.resolve("boot.json"))
                .withTokenReuse(true);
        server = TestServer.start(config);
        ws = Workspace.of(server, dir.resolve("boot.json"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode token(String[] client, String form) {
        TestServer.Response response = server.postForm("/v1/oauth/token", form, Workspace.basic(client[0], client[1]));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        return response.json();
    }

    @Test
    void tokenRequestWhenAskedAgainThenSameTokenAndItWorks() {
        String[] client = ws.client("[\"workspace:read\"]");

        JsonNode first = token(client, "grant_type=client_credentials");
        JsonNode second = token(client, "grant_type=client_credentials&scope=workspace%3Aread");

        assertThat(second.get("access_token").asText()).isEqualTo(first.get("access_token").asText());
        assertThat(second.get("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(second.get("created_at").asLong()).isEqualTo(first.get("created_at").asLong());
        assertThat(server.get("/v1/workspaces/" + ws.orgId, second.get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void tokenRequestAfterRevocationThenNewTokenThatWorks() {
        String[] client = ws.client("[\"workspace:read\"]");
        String first = token(client, "grant_type=client_credentials").get("access_token").asText();

        TestServer.Response revoked = server.postForm("/v1/oauth/revoke", "token=" + first, Workspace.basic(client[0], client[1]));
        assertThat(revoked.status()).isEqualTo(200);
        String second = token(client, "grant_type=client_credentials").get("access_token").asText();

        assertThat(second).isNotEqualTo(first);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, first).status()).isEqualTo(401);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, second).status()).isEqualTo(200);
    }

    @Test
    void tokenRequestAfterRotationWithRevokeTokensThenNewTokenThatWorks() {
        TestServer.Response created = server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey,
                "{\"name\":\"rotating\",\"scopes\":[\"workspace:read\"]}");
        JsonNode data = created.json().get("data");
        String[] client = {data.get("client_id").asText(), data.get("client_secret").asText()};
        String first = token(client, "grant_type=client_credentials").get("access_token").asText();

        TestServer.Response rotated = server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients/" + data.get("id").asText()
                + "/rotate_secret", ws.apiKey, "{\"grace_period_seconds\":60,\"revoke_tokens\":true}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String viaOldSecret = token(client, "grant_type=client_credentials").get("access_token").asText();

        assertThat(viaOldSecret).isNotEqualTo(first);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, first).status()).isEqualTo(401);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, viaOldSecret).status()).isEqualTo(200);
    }

    @Test
    void tokenRequestAfterTheGrantChangedThenNewTokenWithTheNewGrant() {
        TestServer.Response created = server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey,
                "{\"name\":\"changing\",\"scopes\":[\"workspace:read\"]}");
        JsonNode data = created.json().get("data");
        String[] client = {data.get("client_id").asText(), data.get("client_secret").asText()};
        JsonNode first = token(client, "grant_type=client_credentials");

        TestServer.Response patched = server.patchJson("/v1/workspaces/" + ws.orgId + "/oauth_clients/" + data.get("id").asText(),
                ws.apiKey, "{\"scopes\":[\"workspace:read\",\"sources:read\"]}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode second = token(client, "grant_type=client_credentials");

        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("scope").asText()).isEqualTo("workspace:read sources:read");
    }
}
