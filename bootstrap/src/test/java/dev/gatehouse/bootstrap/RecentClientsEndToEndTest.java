package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token endpoint remembers a client it authenticated ({@code RecentClients}); on the server where a client
 * changes, the change counts for the very next token request all the same. The server here trusts a read for a
 * minute, so that only the change can make it forget.
 */
class RecentClientsEndToEndTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static Workspace ws;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(dir.resolve("boot.json")).withTokenReuse(true).withRecentClients(Duration.ofMinutes(1)));
        ws = Workspace.of(server, dir.resolve("boot.json"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response token(String id, String secret, String form) {
        return server.postForm("/v1/oauth/token", form, Workspace.basic(id, secret));
    }

    /** Creates a client, and has it authenticated twice so that the server remembers it. */
    private static String[] remembered(String scopesJson) {
        String[] client = ws.client(scopesJson);
        for (int i = 0; i < 2; i++) {
            assertThat(token(client[0], client[1], "grant_type=client_credentials").status()).isEqualTo(200);
        }
        return client;
    }

    private static String recordId(String clientId) {
        for (JsonNode client : server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey).json().get("data")) {
            if (client.get("client_id").asText().equals(clientId)) {
                return client.get("id").asText();
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static String path(String clientId) {
        return "/v1/workspaces/" + ws.orgId + "/oauth_clients/" + recordId(clientId);
    }

    @Test
    void aRotatedSecretIsRefusedAtOnceAndTheNewOneWorks() {
        String[] client = remembered("[\"workspace:read\"]");

        TestServer.Response rotated = server.postJson(path(client[0]) + "/rotate_secret", ws.apiKey, "{}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

        assertThat(token(client[0], client[1], "grant_type=client_credentials").status()).isEqualTo(401);
        String secret = rotated.json().at("/data/client_secret").asText();
        assertThat(token(client[0], secret, "grant_type=client_credentials").status()).isEqualTo(200);
    }

    @Test
    void aDeletedClientIsRefusedAtOnce() {
        String[] client = remembered("[\"workspace:read\"]");

        assertThat(server.delete(path(client[0]), ws.apiKey).status()).isEqualTo(204);

        assertThat(token(client[0], client[1], "grant_type=client_credentials").status()).isEqualTo(401);
    }

    @Test
    void aScopeTakenAwayIsRefusedAtOnce() {
        String[] client = remembered("[\"workspace:read\",\"sources:read\"]");
        assertThat(token(client[0], client[1], "grant_type=client_credentials&scope=sources%3Aread").status()).isEqualTo(200);

        assertThat(server.patchJson(path(client[0]), ws.apiKey, "{\"scopes\":[\"workspace:read\"]}").status()).isEqualTo(200);

        TestServer.Response refused = token(client[0], client[1], "grant_type=client_credentials&scope=sources%3Aread");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    /** A project deleted by an OAuth client leaves the restrictions of the clients that named it. */
    @Test
    void aDeletedProjectLeavesTheNextTokenAtOnce() throws Exception {
        String admin = ws.token("[\"*\"]");
        String kept = server.postJson("/v1/connect/projects", admin, "{\"name\":\"kept\"}").json().get("id").asText();
        String doomed = server.postJson("/v1/connect/projects", admin, "{\"name\":\"doomed\"}").json().get("id").asText();
        TestServer.Response created = server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey,
                "{\"name\":\"restricted\",\"scopes\":[\"workspace:read\"],\"projects\":[\"" + kept + "\",\"" + doomed + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().at("/data/client_id").asText();
        String secret = created.json().at("/data/client_secret").asText();
        assertThat(projects(token(id, secret, "grant_type=client_credentials"))).containsExactlyInAnyOrder(kept, doomed);

        assertThat(server.delete("/v1/connect/projects/" + doomed, admin).status()).isEqualTo(204);

        assertThat(projects(token(id, secret, "grant_type=client_credentials"))).containsExactly(kept);
    }

    private static java.util.List<String> projects(TestServer.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return SignedJWT.parse(response.json().get("access_token").asText()).getJWTClaimsSet().getStringListClaim("projects");
    }
}
