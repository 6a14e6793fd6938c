package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth client lifecycle, projects and members over real HTTP (contract §6 and §7). */
class AdminLifecycleEndToEndTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static Workspace ws;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.memoryDb(), Optional.of(dir.resolve("boot.json")));
        ws = Workspace.of(server, dir.resolve("boot.json"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String clients() {
        return "/v1/workspaces/" + ws.orgId + "/oauth_clients";
    }

    private static JsonNode create(String body) {
        TestServer.Response created = server.postJson(clients(), ws.apiKey, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("data");
    }

    private static TestServer.Response token(String clientId, String secret) {
        return server.postForm("/v1/oauth/token", "grant_type=client_credentials", Workspace.basic(clientId, secret));
    }

    private static String rotate(String id, String body) {
        TestServer.Response rotated = server.postJson(clients() + "/" + id + "/rotate_secret", ws.apiKey, body);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        return rotated.json().at("/data/client_secret").asText();
    }

    @Test
    void rotationKillsTheOldSecretAtOnceAndKeepsIssuedTokens() {
        JsonNode client = create("{\"name\":\"rot\"}");
        String id = client.get("id").asText();
        String cid = client.get("client_id").asText();
        String old = client.get("client_secret").asText();
        String issued = token(cid, old).json().get("access_token").asText();
        String fresh = rotate(id, "{}");
        assertThat(fresh).isNotEqualTo(old).startsWith("gts_");
        assertThat(token(cid, old).status()).isEqualTo(401);
        assertThat(token(cid, fresh).status()).isEqualTo(200);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, issued).status()).isEqualTo(200);
        assertThat(server.get(clients() + "/" + id, ws.apiKey).body()).doesNotContain(fresh).doesNotContain("client_secret");
    }

    @Test
    void withAGracePeriodBothSecretsWorkUntilItEnds() throws Exception {
        JsonNode client = create("{\"name\":\"grace\"}");
        String cid = client.get("client_id").asText();
        String old = client.get("client_secret").asText();
        String fresh = rotate(client.get("id").asText(), "{\"grace_period_seconds\":2}");
        assertThat(token(cid, old).status()).isEqualTo(200);
        assertThat(token(cid, fresh).status()).isEqualTo(200);
        Thread.sleep(2300);
        assertThat(token(cid, old).status()).isEqualTo(401);
        assertThat(token(cid, fresh).status()).isEqualTo(200);
    }

    @Test
    void rotationWithRevokeTokensKillsIssuedTokensButNotNewOnes() {
        JsonNode client = create("{\"name\":\"revoke\"}");
        String cid = client.get("client_id").asText();
        String issued = token(cid, client.get("client_secret").asText()).json().get("access_token").asText();
        String fresh = rotate(client.get("id").asText(), "{\"revoke_tokens\":true}");
        assertThat(server.get("/v1/workspaces/" + ws.orgId, issued).status()).isEqualTo(401);
        String newToken = token(cid, fresh).json().get("access_token").asText();
        assertThat(server.get("/v1/workspaces/" + ws.orgId, newToken).status()).isEqualTo(200);
    }

    @Test
    void fiftyParallelRotationsEndWithOneCurrentSecret() throws Exception {
        JsonNode client = create("{\"name\":\"race\"}");
        String id = client.get("id").asText();
        String cid = client.get("client_id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Callable<String> rotation = () -> rotate(id, "{}");
            results.add(pool.submit(rotation));
        }
        Set<String> secrets = new HashSet<>();
        for (Future<String> result : results) {
            secrets.add(result.get());
        }
        pool.shutdown();
        assertThat(secrets).hasSize(50);
        long working = secrets.stream().filter(s -> token(cid, s).status() == 200).count();
        assertThat(working).isEqualTo(1);
    }

    @Test
    void patchedScopesShowInNewTokensWhileIssuedTokensKeepTheirGrant() {
        JsonNode client = create("{\"name\":\"patch\",\"scopes\":[\"workspace:read\"]}");
        String cid = client.get("client_id").asText();
        String secret = client.get("client_secret").asText();
        String before = token(cid, secret).json().get("access_token").asText();
        TestServer.Response patched = server.patchJson(clients() + "/" + client.get("id").asText(), ws.apiKey,
                "{\"scopes\":[\"sources:read\"],\"name\":\"patched\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/data/name").asText()).isEqualTo("patched");
        TestServer.Response after = token(cid, secret);
        assertThat(after.json().get("scope").asText()).isEqualTo("sources:read");
        assertThat(server.get("/v1/workspaces/" + ws.orgId, before).status()).isEqualTo(200);
        assertThat(server.get("/v1/workspaces/" + ws.orgId, after.json().get("access_token").asText()).status()).isEqualTo(403);
        assertThat(server.patchJson(clients() + "/" + client.get("id").asText(), ws.apiKey, "{\"scopes\":[\"nope:x\"]}").status())
                .isEqualTo(400);
    }

    @Test
    void deletingAClientStopsTokensAndKillsLiveOnes() {
        JsonNode client = create("{\"name\":\"doomed\"}");
        String id = client.get("id").asText();
        String cid = client.get("client_id").asText();
        String secret = client.get("client_secret").asText();
        String live = token(cid, secret).json().get("access_token").asText();
        assertThat(server.get("/v1/workspaces/" + ws.orgId, live).status()).isEqualTo(200);
        assertThat(server.delete(clients() + "/" + id, ws.apiKey).status()).isEqualTo(204);
        TestServer.Response refused = token(cid, secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(server.get("/v1/workspaces/" + ws.orgId, live).status()).isEqualTo(401);
        assertThat(server.get(clients() + "/" + id, ws.apiKey).status()).isEqualTo(404);
        assertThat(server.get(clients(), ws.apiKey).body()).doesNotContain(cid);
    }

    @Test
    void aClientRestrictedToOneProjectSeesOnlyThatOne() throws Exception {
        String all = ws.token("[\"*\"]");
        TestServer.Response p1 = server.postJson("/v1/connect/projects", all, "{\"name\":\"p1\",\"app_name\":\"App\"}");
        assertThat(p1.status()).as(p1.body()).isEqualTo(201);
        assertThat(p1.json().get("app_name").asText()).isEqualTo("App");
        assertThat(p1.json().get("connect_require_key_auth_test").asBoolean()).isFalse();
        String p1Id = p1.json().get("id").asText();
        String p2Id = server.postJson("/v1/connect/projects", all, "{\"name\":\"p2\"}").json().get("id").asText();

        JsonNode restricted = create("{\"name\":\"restricted\",\"projects\":[\"" + p1Id + "\"]}");
        String token = token(restricted.get("client_id").asText(), restricted.get("client_secret").asText())
                .json().get("access_token").asText();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("projects")).containsExactly(p1Id);
        assertThat(SignedJWT.parse(all).getJWTClaimsSet().getClaim("projects")).isNull();

        TestServer.Response list = server.get("/v1/connect/projects", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data").size()).isEqualTo(1);
        assertThat(list.json().at("/data/0/id").asText()).isEqualTo(p1Id);
        assertThat(list.json().at("/page_info/count").asInt()).isEqualTo(1);
        assertThat(list.json().at("/page_info/total_count").asInt()).isEqualTo(1);
        assertThat(server.get("/v1/connect/projects/" + p1Id, token).status()).isEqualTo(200);
        assertThat(server.get("/v1/connect/projects/" + p2Id, token).status()).isEqualTo(404);
        assertThat(server.delete("/v1/connect/projects/" + p2Id, token).status()).isEqualTo(404);
        assertThat(server.get("/v1/connect/projects/" + p2Id, all).status()).isEqualTo(200);

        String p3Id = server.postJson("/v1/connect/projects", token, "{\"name\":\"p3\"}").json().get("id").asText();
        assertThat(server.get("/v1/connect/projects/" + p3Id, token).status()).as("creating does not widen reach").isEqualTo(404);

        assertThat(server.postJson("/v1/connect/projects", ws.apiKey, "{\"name\":\"by-key\"}").status()).isEqualTo(403);
    }

    @Test
    void projectPagesFollowTheCursors() {
        String token = ws.token("[\"connect:projects:read\",\"connect:projects:write\"]");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(server.postJson("/v1/connect/projects", token, "{\"name\":\"page-" + i + "\"}").json().get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        while (true) {
            TestServer.Response page = server.get("/v1/connect/projects?limit=2" + (cursor == null ? "" : "&after=" + cursor), token);
            assertThat(page.status()).isEqualTo(200);
            JsonNode data = page.json().get("data");
            if (data.isEmpty()) {
                break;
            }
            data.forEach(p -> seen.add(p.get("id").asText()));
            cursor = page.json().at("/page_info/end_cursor").asText();
        }
        assertThat(seen).containsSubsequence(ids);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(server.get("/v1/connect/projects?limit=0", token).status()).isEqualTo(400);
        assertThat(server.get("/v1/connect/projects?limit=101", token).status()).isEqualTo(400);
    }

    @Test
    void membersAndRolesKeepExactlyOneOwner() {
        String members = "/v1/workspaces/" + ws.orgId + "/members";
        TestServer.Response added = server.postJson(members, ws.apiKey, "{\"email\":\"new.member@example.test\",\"role\":\"member\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String memberKey = added.json().at("/data/api_key").asText();
        String memberId = added.json().at("/data/user_id").asText();
        assertThat(added.json().at("/data/password").asText()).isNotEmpty();
        assertThat(server.get(members, ws.apiKey).body()).contains(memberId).doesNotContain(memberKey);

        assertThat(server.get("/v1/users/me", memberKey).status()).isEqualTo(200);
        assertThat(server.get(clients(), memberKey).status()).isEqualTo(403);
        assertThat(server.postJson(clients(), memberKey, "{\"name\":\"x\"}").status()).isEqualTo(403);

        assertThat(server.delete(members + "/" + ws.userId, ws.apiKey).status()).isEqualTo(409);
        assertThat(server.patchJson(members + "/" + ws.userId, ws.apiKey, "{\"role\":\"admin\"}").status()).isEqualTo(409);
        assertThat(server.postJson(members, ws.apiKey, "{\"email\":\"new.member@example.test\",\"role\":\"member\"}").status())
                .isEqualTo(409);

        assertThat(server.patchJson(members + "/" + memberId, ws.apiKey, "{\"role\":\"admin\"}").status()).isEqualTo(200);
        assertThat(server.postJson(clients(), memberKey, "{\"name\":\"by-admin\"}").status()).isEqualTo(201);
        assertThat(server.patchJson(members + "/" + memberId, memberKey, "{\"role\":\"owner\"}").status())
                .as("an admin cannot take ownership").isEqualTo(403);

        String workspace = "/v1/workspaces/" + ws.orgId;
        assertThat(server.get(workspace, memberKey).status()).isEqualTo(200);
        assertThat(server.delete(members + "/" + memberId, ws.apiKey).status()).isEqualTo(204);
        assertThat(server.get(workspace, memberKey).status()).as("the removal counts at once, however lately the member read").isEqualTo(404);
        assertThat(server.postJson(clients(), memberKey, "{\"name\":\"by-ex-member\"}").status()).isEqualTo(404);
        JsonNode list = server.get(members, ws.apiKey).json().get("data");
        long owners = 0;
        for (JsonNode member : list) {
            owners += member.get("role").asText().equals("owner") ? 1 : 0;
        }
        assertThat(owners).isEqualTo(1);
    }

    @Test
    void ownershipMovesOnlyByTheOwnersTransferAndCanMoveBack() {
        String members = "/v1/workspaces/" + ws.orgId + "/members";
        TestServer.Response added = server.postJson(members, ws.apiKey, "{\"email\":\"heir@example.test\",\"role\":\"admin\"}");
        String heirKey = added.json().at("/data/api_key").asText();
        String heirId = added.json().at("/data/user_id").asText();
        TestServer.Response transferred = server.patchJson(members + "/" + heirId, ws.apiKey, "{\"role\":\"owner\"}");
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);
        assertThat(roleOf(members, heirId)).isEqualTo("owner");
        assertThat(roleOf(members, ws.userId)).isEqualTo("admin");
        assertThat(server.patchJson(members + "/" + ws.userId, heirKey, "{\"role\":\"owner\"}").status()).isEqualTo(200);
        assertThat(roleOf(members, ws.userId)).isEqualTo("owner");
        assertThat(roleOf(members, heirId)).isEqualTo("admin");
    }

    private static String roleOf(String members, String userId) {
        for (JsonNode member : server.get(members, ws.apiKey).json().get("data")) {
            if (member.get("user_id").asText().equals(userId)) {
                return member.get("role").asText();
            }
        }
        return "none";
    }
}
