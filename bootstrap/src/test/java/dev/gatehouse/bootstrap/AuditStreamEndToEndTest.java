package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace audit stream over real SSE: admin changes arrive with who, what, when and where, never a secret. */
class AuditStreamEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void adminChangesArriveOnTheAuditStreamWithoutSecrets() throws Exception {
        try (TestServer server = TestServer.start(TestServer.memoryDb(), Optional.of(dir.resolve("boot.json")))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String auditReader = ws.token("[\"audit:read\"]");
            String path = "/v1/workspaces/" + ws.orgId + "/audit/sse";
            assertThat(server.get(path, ws.token("[\"workspace:read\"]")).status()).isEqualTo(403);
            try (SseReader byKey = SseReader.open(server.base + path, ws.apiKey, Optional.empty());
                 SseReader byToken = SseReader.open(server.base + path, auditReader, Optional.empty())) {
                assertThat(byKey.status).isEqualTo(200);
                assertThat(byToken.status).isEqualTo(200);
                Thread.sleep(300);
                String[] client = ws.client("[\"*\"]");
                String recordId = findRecordId(server, ws, client[0]);
                TestServer.Response rotated = server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients/" + recordId
                        + "/rotate_secret", ws.apiKey, "{}");
                String newSecret = rotated.json().at("/data/client_secret").asText();

                for (SseReader stream : new SseReader[] {byKey, byToken}) {
                    SseReader.Event created = stream.next(Duration.ofSeconds(5));
                    JsonNode event = TestServer.JSON.readTree(created.data()).get("event");
                    assertThat(event.get("type").asText()).isEqualTo("oauth_client.created");
                    assertThat(event.get("actor").asText()).isEqualTo(ws.userId);
                    assertThat(event.get("client_id").asText()).isEqualTo(client[0]);
                    assertThat(event.get("source_ip").asText()).isEqualTo("127.0.0.1");
                    assertThat(event.get("at").asText()).isNotEmpty();
                    SseReader.Event rotation = stream.next(Duration.ofSeconds(5));
                    assertThat(TestServer.JSON.readTree(rotation.data()).at("/event/type").asText())
                            .isEqualTo("oauth_client.secret_rotated");
                    assertThat(created.data() + rotation.data()).doesNotContain(client[1]).doesNotContain(newSecret)
                            .doesNotContain(ws.apiKey);
                }
            }
        }
    }

    /**
     * The stream's credential check (every second) and the audit log's poll (every 250 ms) are not in step, so
     * the check may find the key revoked before the poll has read the revocation's event; it is repeated so
     * that such an ordering comes up.
     */
    @Test
    void aStreamEndedByTheRevocationOfItsKeyFirstDeliversTheRevocation() throws Exception {
        try (TestServer server = TestServer.start(TestServer.memoryDb(), Optional.of(dir.resolve("boot.json")))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String path = "/v1/workspaces/" + ws.orgId + "/audit/sse";
            String key = ws.apiKey;
            for (int round = 0; round < 6; round++) {
                try (SseReader stream = SseReader.open(server.base + path, key, Optional.empty())) {
                    assertThat(stream.status).isEqualTo(200);
                    Thread.sleep(100 + 97L * round);
                    TestServer.Response revoked = server.postJson("/v1/users/me/api_key/revoke", key, "{}");
                    assertThat(revoked.status()).isEqualTo(200);
                    key = revoked.json().at("/data/api_key").asText();

                    SseReader.Event event;
                    try {
                        event = stream.next(Duration.ofSeconds(5));
                    } catch (AssertionError e) {
                        throw new AssertionError("round " + round + ": no event before the end; comments " + stream.comments, e);
                    }
                    assertThat(TestServer.JSON.readTree(event.data()).at("/event/type").asText()).isEqualTo("api_key.revoked");
                    stream.awaitEnd(Duration.ofSeconds(5));
                    assertThat(stream.comments).anySatisfy(comment -> assertThat(comment).contains("revoked"));
                }
            }
        }
    }

    private static String findRecordId(TestServer server, Workspace ws, String clientId) {
        for (JsonNode client : server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey).json().get("data")) {
            if (client.get("client_id").asText().equals(clientId)) {
                return client.get("id").asText();
            }
        }
        throw new AssertionError("no client " + clientId);
    }
}
