package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A bootstrapped workspace of a {@link TestServer}, with helpers to make clients and tokens in it. */
final class Workspace {

    final TestServer server;
    final String orgId;
    final String userId;
    String apiKey;

    private Workspace(TestServer server, String orgId, String userId, String apiKey) {
        this.server = server;
        this.orgId = orgId;
        this.userId = userId;
        this.apiKey = apiKey;
    }

    static Workspace of(TestServer server, Path bootstrapFile) throws Exception {
        JsonNode boot = TestServer.JSON.readTree(Files.readString(bootstrapFile));
        return new Workspace(server, boot.get("workspace_id").asText(), boot.get("user_id").asText(), boot.get("api_key").asText());
    }

    /** Creates a client with {@code scopes} (JSON array text) and returns {client_id, client_secret}. */
    String[] client(String scopesJson) {
        TestServer.Response created = server.postJson("/v1/workspaces/" + orgId + "/oauth_clients", apiKey,
                "{\"name\":\"test\",\"scopes\":" + scopesJson + "}");
        if (created.status() != 201) {
            throw new AssertionError("cannot create a client: " + created.body());
        }
        JsonNode data = created.json().get("data");
        return new String[] {data.get("client_id").asText(), data.get("client_secret").asText()};
    }

    /** A token for a new client allowed {@code scopesJson}. */
    String token(String scopesJson) {
        String[] client = client(scopesJson);
        return token(client[0], client[1]);
    }

    String token(String clientId, String secret) {
        TestServer.Response response = server.postForm("/v1/oauth/token", "grant_type=client_credentials", basic(clientId, secret));
        if (response.status() != 200) {
            throw new AssertionError("cannot get a token: " + response.body());
        }
        return response.json().get("access_token").asText();
    }

    String source(String name) {
        TestServer.Response created = server.postJson("/v1/sources", apiKey, "{\"name\":\"" + name + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("cannot create a source: " + created.body());
        }
        return created.json().at("/data/id").asText();
    }

    String emit(String sourceId, String json) {
        TestServer.Response emitted = server.postJson("/v1/sources/" + sourceId + "/events", apiKey, json);
        if (emitted.status() != 202) {
            throw new AssertionError("cannot emit: " + emitted.body());
        }
        return emitted.json().at("/data/id").asText();
    }

    static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
