package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled signing key rotation: every key is in the JWKS before a token is signed with it, and old tokens keep working. */
class SigningKeyRotationEndToEndTest {

    @TempDir
    Path dir;

    private static Set<String> kids(TestServer server) {
        Set<String> kids = new HashSet<>();
        for (JsonNode key : server.get("/.well-known/jwks.json", null).json().get("keys")) {
            kids.add(key.get("kid").asText());
        }
        return kids;
    }

    @Test
    void newKeysArePublishedBeforeTheySignAndOldTokensStillVerify() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(dir.resolve("boot.json"))
                .withKeyRotation(Duration.ofSeconds(3), Duration.ofSeconds(3));
        try (TestServer server = TestServer.start(config)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"*\"]");
            String first = ws.token(client[0], client[1]);
            String firstKid = SignedJWT.parse(first).getHeader().getKeyID();

            Set<String> signingKids = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && signingKids.size() < 2) {
                Set<String> publishedBefore = kids(server);
                String kid = SignedJWT.parse(ws.token(client[0], client[1])).getHeader().getKeyID();
                assertThat(publishedBefore).as("the kid of a new token was published before it signed").contains(kid);
                signingKids.add(kid);
                Thread.sleep(200);
            }
            assertThat(signingKids).as("a rotation happened").hasSizeGreaterThanOrEqualTo(2).contains(firstKid);
            assertThat(kids(server)).contains(firstKid);
            assertThat(server.get("/v1/workspaces/" + ws.orgId, first).status()).isEqualTo(200);
        }
    }
}
