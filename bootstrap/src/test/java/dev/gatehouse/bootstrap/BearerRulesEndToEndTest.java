package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of contract §4's table, over real HTTP, on a key-only endpoint, a key-or-token endpoint with a
 * scope, an admin endpoint and an SSE endpoint.
 */
class BearerRulesEndToEndTest {

    private static final String CHALLENGE = "Bearer realm=\"gatehouse\"";

    @TempDir
    static Path dir;

    static String dbUrl;
    static TestServer server;
    static Workspace ws;
    static String source;

    @BeforeAll
    static void start() throws Exception {
        dbUrl = TestServer.memoryDb();
        server = TestServer.start(dbUrl, Optional.of(dir.resolve("boot.json")));
        ws = Workspace.of(server, dir.resolve("boot.json"));
        source = ws.source("rules");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertNoCredential(TestServer.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
        assertThat(response.json().get("error").isTextual()).isTrue();
    }

    private static void assertInvalidToken(TestServer.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith(CHALLENGE + ", error=\"invalid_token\", error_description=\"");
        assertThat(response.json().get("error").isTextual()).isTrue();
    }

    private static void assertInsufficientScope(TestServer.Response response, String scope) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate"))
                .isEqualTo(CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    @Test
    void noCredentialIs401WithBareChallengeOnEveryKindOfEndpoint() {
        assertNoCredential(server.get("/v1/users/me", null));
        assertNoCredential(server.get("/v1/workspaces/" + ws.orgId, null));
        assertNoCredential(server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", null));
        assertNoCredential(server.get("/v1/sources/" + source + "/sse", null));
        assertNoCredential(server.send(server.request("/v1/users/me").header("Authorization", "Basic YTpi")));
    }

    @Test
    void unknownMalformedAndForgedCredentialsAre401InvalidToken() throws Exception {
        String unknownKey = dev.gatehouse.domain.credential.CredentialKind.API_KEY.generate(new SecureRandom());
        assertInvalidToken(server.get("/v1/users/me", unknownKey));
        assertInvalidToken(server.get("/v1/users/me", ws.apiKey.substring(0, ws.apiKey.length() - 1) + "x"));
        assertInvalidToken(server.get("/v1/workspaces/" + ws.orgId, "not.a.token"));
        assertInvalidToken(server.get("/v1/workspaces/" + ws.orgId, "garbage"));
        assertInvalidToken(server.get("/v1/sources/" + source + "/sse", "garbage"));

        String genuine = ws.token("[\"*\"]");
        SignedJWT parsed = SignedJWT.parse(genuine);
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(parsed.getHeader().getKeyID()).build(), parsed.getJWTClaimsSet());
        forged.sign(new RSASSASigner(attacker));
        assertInvalidToken(server.get("/v1/workspaces/" + ws.orgId, forged.serialize()));

        SignedJWT wrongType = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(parsed.getHeader().getKeyID()).build(), parsed.getJWTClaimsSet());
        wrongType.sign(new RSASSASigner(attacker));
        assertInvalidToken(server.get("/v1/workspaces/" + ws.orgId, wrongType.serialize()));
    }

    @Test
    void expiredTokenIs401InvalidToken() throws Exception {
        Path boot = dir.resolve("short.json");
        try (TestServer shortLived = TestServer.start(ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(boot).withTokenTtl(Duration.ofSeconds(1)))) {
            Workspace short_ = Workspace.of(shortLived, boot);
            String token = short_.token("[\"*\"]");
            assertThat(shortLived.get("/v1/workspaces/" + short_.orgId, token).status()).isEqualTo(200);
            Thread.sleep(1500);
            TestServer.Response expired = shortLived.get("/v1/workspaces/" + short_.orgId, token);
            assertInvalidToken(expired);
            assertThat(expired.header("WWW-Authenticate")).contains("expired");
        }
    }

    @Test
    void revokedTokenIs401InvalidTokenEverywhere() {
        String[] client = ws.client("[\"*\"]");
        String token = ws.token(client[0], client[1]);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, token).status()).isEqualTo(200);
        TestServer.Response revoked = server.postForm("/v1/oauth/revoke", "token=" + token, Workspace.basic(client[0], client[1]));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo("{}");
        assertInvalidToken(server.get("/v1/workspaces/" + ws.orgId, token));
        assertInvalidToken(server.get("/v1/sources/" + source, token));
        assertInvalidToken(server.get("/v1/sources/" + source + "/sse", token));
    }

    @Test
    void tokenLackingScopeIs403InsufficientScopeNamingTheScope() {
        String sourcesOnly = ws.token("[\"sources:read\"]");
        assertInsufficientScope(server.get("/v1/workspaces/" + ws.orgId, sourcesOnly), "workspace:read");
        String workspaceOnly = ws.token("[\"workspace:read\"]");
        assertInsufficientScope(server.get("/v1/sources/" + source + "/sse", workspaceOnly), "sources:read");
        assertInsufficientScope(server.postJson("/v1/sources/" + source + "/events", sourcesOnly, "{}"), "sources:write");
        assertThat(server.get("/v1/workspaces/" + ws.orgId, workspaceOnly).status()).isEqualTo(200);
    }

    @Test
    void credentialOfTheWrongKindIs403SayingWhichKindIsNeeded() {
        String token = ws.token("[\"*\"]");
        TestServer.Response me = server.get("/v1/users/me", token);
        assertThat(me.status()).isEqualTo(403);
        assertThat(me.header("WWW-Authenticate")).isNull();
        assertThat(me.json().get("error").asText()).contains("API key");
        TestServer.Response create = server.postJson("/v1/sources", token, "{\"name\":\"x\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("error").asText()).contains("API key");
        assertThat(server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", token).status()).isEqualTo(403);
    }

    @Test
    void memberWhoIsNotAdminIs403AndOutsiderIs404() {
        String memberKey;
        String outsiderKey;
        try (Database db = Database.open(dbUrl, "", "")) {
            memberKey = addUser(db, "member@example.com", Optional.of(Role.MEMBER));
            outsiderKey = addUser(db, "outsider@example.com", Optional.empty());
        }
        TestServer.Response member = server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", memberKey);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().get("error").isTextual()).isTrue();
        assertThat(server.get("/v1/workspaces/" + ws.orgId, memberKey).status()).isEqualTo(200);
        assertThat(server.get("/v1/sources/" + source, memberKey).status()).isEqualTo(200);

        assertThat(server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", outsiderKey).status()).isEqualTo(404);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, outsiderKey).status()).isEqualTo(404);
        assertThat(server.get("/v1/sources/" + source, outsiderKey).status()).isEqualTo(404);
        assertThat(server.get("/v1/sources/" + source + "/sse", outsiderKey).status()).isEqualTo(404);
    }

    private String addUser(Database db, String email, Optional<Role> role) {
        SecureRandom random = new SecureRandom();
        User user = new User(UserId.generate(random), email, email.substring(0, email.indexOf('@')), "unused", Instant.now());
        db.users().add(user);
        role.ifPresent(r -> db.workspaces().putMembership(new Membership(new dev.gatehouse.domain.workspace.WorkspaceId(ws.orgId), user.id(), r)));
        ApiKey.Issued key = ApiKey.issue(user.id(), Instant.now(), random);
        db.apiKeys().save(key.key());
        return key.plaintext().value();
    }

    @Test
    void revokingTheApiKeyIssuesANewOneAndTheOldOneIs401() {
        String old;
        try (Database db = Database.open(dbUrl, "", "")) {
            old = addUser(db, "rotator@example.com", Optional.of(Role.ADMIN));
        }
        assertThat(server.get("/v1/users/me", old).status()).isEqualTo(200);
        TestServer.Response revoked = server.postJson("/v1/users/me/api_key/revoke", old, "");
        assertThat(revoked.status()).isEqualTo(200);
        String fresh = revoked.json().at("/data/api_key").asText();
        assertThat(fresh).isNotEqualTo(old).startsWith("gtk_");
        assertThat(revoked.json().at("/data/created_at").isTextual()).isTrue();
        assertInvalidToken(server.get("/v1/users/me", old));
        assertThat(server.get("/v1/users/me", fresh).status()).isEqualTo(200);
        assertInvalidToken(server.postJson("/v1/users/me/api_key/revoke", old, ""));
    }
}
