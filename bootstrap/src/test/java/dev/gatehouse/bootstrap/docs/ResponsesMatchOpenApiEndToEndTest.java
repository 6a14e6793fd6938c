package dev.gatehouse.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapter.in.http.docs.OpenApiContract;
import dev.gatehouse.bootstrap.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real responses of a real server, checked against the OpenAPI description that same server serves: status,
 * required headers and body schema of every call, and, for every operation, that it takes exactly the
 * credentials and scope the description names.
 */
class ResponsesMatchOpenApiEndToEndTest {

    @TempDir
    static Path dir;

    private static DocsServer server;
    private static OpenApiContract spec;

    @BeforeAll
    static void start() {
        server = DocsServer.start(ServerConfig.defaults("127.0.0.1", 0, "jdbc:h2:mem:docs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .withBootstrapFile(dir.resolve("boot.json")));
        DocsServer.Response served = server.get("/openapi.yaml", null);
        assertThat(served.status()).isEqualTo(200);
        spec = OpenApiContract.of(served.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static DocsServer.Response conforms(String operationId, DocsServer.Response response) {
        spec.assertConforms(operationId, response.status(), response.headers(), response.body());
        return response;
    }

    private static String org() {
        return "/v1/workspaces/" + server.orgId();
    }

    /** A new client allowed {@code scopesJson}: {record id, client_id, client_secret}. */
    private static String[] client(String scopesJson) {
        DocsServer.Response created = conforms("createOAuthClient", server.call("POST", org() + "/oauth_clients", server.apiKey(),
                "{\"name\":\"docs\",\"scopes\":" + scopesJson + "}"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        return new String[] {data.get("id").asText(), data.get("client_id").asText(), data.get("client_secret").asText()};
    }

    private static String token(String scopesJson) {
        String[] client = client(scopesJson);
        DocsServer.Response token = conforms("issueToken",
                server.form("/v1/oauth/token", "grant_type=client_credentials", client[1], client[2]));
        assertThat(token.status()).isEqualTo(200);
        return token.json().get("access_token").asText();
    }

    @Test
    void oauthEndpointsAnswerAsDocumented() {
        String[] client = client("[\"workspace:read\",\"sources:read\"]");

        DocsServer.Response basic = conforms("issueToken",
                server.form("/v1/oauth/token", "grant_type=client_credentials&scope=workspace:read", client[1], client[2]));
        DocsServer.Response json = conforms("issueToken", server.call("POST", "/v1/oauth/token", null,
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + client[1] + "\",\"client_secret\":\"" + client[2]
                        + "\",\"project_id\":\"proj_ignored\"}"));
        DocsServer.Response badGrant = conforms("issueToken",
                server.form("/v1/oauth/token", "grant_type=password", client[1], client[2]));
        DocsServer.Response badScope = conforms("issueToken",
                server.form("/v1/oauth/token", "grant_type=client_credentials&scope=audit:read", client[1], client[2]));
        DocsServer.Response wrongSecret = conforms("issueToken",
                server.form("/v1/oauth/token", "grant_type=client_credentials", client[1], "gts_wrong"));
        String token = basic.json().get("access_token").asText();
        DocsServer.Response active = conforms("introspectToken",
                server.form("/v1/oauth/introspect", "token=" + token, client[1], client[2]));
        DocsServer.Response unknown = conforms("introspectToken",
                server.form("/v1/oauth/introspect", "token=nonsense", client[1], client[2]));
        DocsServer.Response revoked = conforms("revokeToken",
                server.form("/v1/oauth/revoke", "token=" + token, client[1], client[2]));
        DocsServer.Response afterRevoke = conforms("introspectToken",
                server.form("/v1/oauth/introspect", "token=" + token, client[1], client[2]));
        DocsServer.Response metadata = conforms("getAuthorizationServerMetadata", server.get("/.well-known/oauth-authorization-server", null));
        DocsServer.Response jwks = conforms("getJwks", server.get("/.well-known/jwks.json", null));

        assertThat(List.of(basic.status(), json.status(), badGrant.status(), badScope.status(), wrongSecret.status()))
                .containsExactly(200, 200, 400, 400, 401);
        assertThat(badScope.json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(wrongSecret.header("WWW-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");
        assertThat(active.json().get("active").asBoolean()).isTrue();
        assertThat(unknown.json().get("active").asBoolean()).isFalse();
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(afterRevoke.json().get("active").asBoolean()).isFalse();
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(jwks.status()).isEqualTo(200);
    }

    @Test
    void usersWorkspacesAndClientsAnswerAsDocumented() {
        String[] client = client("[\"workspace:read\"]");
        String clientPath = org() + "/oauth_clients/" + client[0];
        String token = conforms("issueToken", server.form("/v1/oauth/token", "grant_type=client_credentials", client[1], client[2]))
                .json().get("access_token").asText();

        DocsServer.Response me = conforms("getCurrentUser", server.get("/v1/users/me", server.apiKey()));
        DocsServer.Response byKey = conforms("getWorkspace", server.get(org(), server.apiKey()));
        DocsServer.Response byToken = conforms("getWorkspace", server.get(org(), token));
        DocsServer.Response otherWorkspace = conforms("getWorkspace", server.get("/v1/workspaces/o_doesNotExist", server.apiKey()));
        DocsServer.Response list = conforms("listOAuthClients", server.get(org() + "/oauth_clients", server.apiKey()));
        DocsServer.Response one = conforms("getOAuthClient", server.get(clientPath, server.apiKey()));
        DocsServer.Response renamed = conforms("updateOAuthClient",
                server.call("PATCH", clientPath, server.apiKey(), "{\"name\":\"renamed\",\"projects\":null}"));
        DocsServer.Response badPatch = conforms("updateOAuthClient",
                server.call("PATCH", clientPath, server.apiKey(), "{\"scopes\":\"not-a-list\"}"));
        DocsServer.Response rotated = conforms("rotateOAuthClientSecret",
                server.call("POST", clientPath + "/rotate_secret", server.apiKey(), "{\"grace_period_seconds\":60}"));
        DocsServer.Response badCreate = conforms("createOAuthClient",
                server.call("POST", org() + "/oauth_clients", server.apiKey(), "{\"name\":\"x\",\"scopes\":[\"no:such:scope\"]}"));
        DocsServer.Response deleted = conforms("deleteOAuthClient", server.call("DELETE", clientPath, server.apiKey(), null));
        DocsServer.Response gone = conforms("getOAuthClient", server.get(clientPath, server.apiKey()));

        assertThat(me.status()).isEqualTo(200);
        assertThat(byKey.status()).isEqualTo(200);
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(otherWorkspace.status()).isEqualTo(404);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("client_secret");
        assertThat(one.status()).isEqualTo(200);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(rotated.json().at("/data/client_secret").asText()).startsWith("gts_");
        assertThat(badCreate.status()).isEqualTo(400);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void membersAnswerAsDocumented() {
        String email = "member-" + UUID.randomUUID() + "@example.com";

        DocsServer.Response list = conforms("listMembers", server.get(org() + "/members", server.apiKey()));
        DocsServer.Response added = conforms("addMember",
                server.call("POST", org() + "/members", server.apiKey(), "{\"email\":\"" + email + "\",\"role\":\"member\"}"));
        String member = added.json().at("/data/user_id").asText();
        DocsServer.Response again = conforms("addMember",
                server.call("POST", org() + "/members", server.apiKey(), "{\"email\":\"" + email + "\",\"role\":\"member\"}"));
        DocsServer.Response memberTriesAdmin = conforms("listMembers",
                server.get(org() + "/members", added.json().at("/data/api_key").asText()));
        DocsServer.Response promoted = conforms("changeMemberRole",
                server.call("PATCH", org() + "/members/" + member, server.apiKey(), "{\"role\":\"admin\"}"));
        DocsServer.Response ownerRemoved = conforms("removeMember",
                server.call("DELETE", org() + "/members/" + server.userId(), server.apiKey(), null));
        DocsServer.Response removed = conforms("removeMember",
                server.call("DELETE", org() + "/members/" + member, server.apiKey(), null));

        assertThat(list.status()).isEqualTo(200);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().at("/data/api_key").asText()).startsWith("gtk_");
        assertThat(again.status()).isEqualTo(409);
        assertThat(memberTriesAdmin.status()).isEqualTo(403);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(ownerRemoved.status()).isEqualTo(409);
        assertThat(removed.status()).isEqualTo(204);
    }

    @Test
    void projectsAnswerAsDocumented() {
        String token = token("[\"connect:projects:read\",\"connect:projects:write\"]");

        DocsServer.Response created = conforms("createProject", server.call("POST", "/v1/connect/projects", token,
                "{\"name\":\"docs\",\"app_name\":\"Docs\",\"support_email\":\"help@example.com\"}"));
        String path = "/v1/connect/projects/" + created.json().get("id").asText();
        DocsServer.Response list = conforms("listProjects", server.get("/v1/connect/projects?limit=5", token));
        DocsServer.Response badLimit = conforms("listProjects", server.get("/v1/connect/projects?limit=lots", token));
        DocsServer.Response one = conforms("getProject", server.get(path, token));
        DocsServer.Response changed = conforms("updateProject", server.call("PATCH", path, token, "{\"app_name\":null}"));
        DocsServer.Response deleted = conforms("deleteProject", server.call("DELETE", path, token, null));
        DocsServer.Response gone = conforms("getProject", server.get(path, token));

        assertThat(created.status()).isEqualTo(201);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/page_info/count").asInt()).isPositive();
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(one.status()).isEqualTo(200);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void sourcesAndStreamsAnswerAsDocumented() {
        String reader = token("[\"sources:read\",\"audit:read\"]");

        DocsServer.Response created = conforms("createSource",
                server.call("POST", "/v1/sources", server.apiKey(), "{\"name\":\"orders\",\"org_id\":\"" + server.orgId() + "\"}"));
        String path = "/v1/sources/" + created.json().at("/data/id").asText();
        DocsServer.Response nameless = conforms("createSource", server.call("POST", "/v1/sources", server.apiKey(), "{}"));
        DocsServer.Response one = conforms("getSource", server.get(path, reader));
        DocsServer.Response emitted = conforms("emitEvent", server.call("POST", path + "/events", server.apiKey(), "{\"order\":42}"));
        DocsServer.Response notAnObject = conforms("emitEvent", server.call("POST", path + "/events", server.apiKey(), "[1,2]"));
        DocsServer.Response stream = conforms("streamSourceEvents", server.head(path + "/sse", reader));
        DocsServer.Response unversioned = conforms("streamSourceEventsUnversioned", server.head(path.substring(3) + "/sse", reader));
        DocsServer.Response audit = conforms("streamAuditEvents", server.head(org() + "/audit/sse", reader));
        DocsServer.Response deleted = conforms("deleteSource", server.call("DELETE", path, server.apiKey(), null));
        DocsServer.Response gone = conforms("getSource", server.get(path, server.apiKey()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(one.status()).isEqualTo(200);
        assertThat(emitted.status()).isEqualTo(202);
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(List.of(stream.status(), unversioned.status(), audit.status())).containsOnly(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void operationsAndDocsAnswerAsDocumented() {
        assertThat(conforms("health", server.get("/health", null)).status()).isEqualTo(200);
        assertThat(conforms("ready", server.get("/ready", null)).status()).isEqualTo(200);
        assertThat(conforms("getOpenApiDocument", server.head("/openapi.yaml", null)).status()).isEqualTo(200);
        assertThat(conforms("getReferencePage", server.head("/docs", null)).status()).isEqualTo(200);
        assertThat(conforms("getReferencePageAsset", server.head("/docs/assets/swagger-ui.css", null)).status()).isEqualTo(200);
    }

    @Test
    void apiKeyRevocationAnswersAsDocumented() {
        DocsServer.Response added = server.call("POST", org() + "/members", server.apiKey(),
                "{\"email\":\"rotating-" + UUID.randomUUID() + "@example.com\",\"role\":\"member\"}");
        String key = added.json().at("/data/api_key").asText();

        DocsServer.Response rotated = conforms("revokeApiKey", server.call("POST", "/v1/users/me/api_key/revoke", key, null));
        DocsServer.Response oldKey = conforms("getCurrentUser", server.get("/v1/users/me", key));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(oldKey.status()).isEqualTo(401);
        assertThat(oldKey.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    /**
     * For every operation that takes a bearer credential: no credential is 401, a kind it does not list is 403,
     * and a token without its {@code x-gatehouse-scope} is 403 {@code insufficient_scope} naming that scope, all
     * in the documented shapes. The credential is refused before the handler runs, so nothing changes.
     */
    @Test
    void everyOperationTakesExactlyTheCredentialsItNames() {
        String project = server.call("POST", "/v1/connect/projects", token("[\"connect:projects:write\"]"), "{\"name\":\"probe\"}")
                .json().get("id").asText();
        String source = server.call("POST", "/v1/sources", server.apiKey(), "{\"name\":\"probe\"}").json().at("/data/id").asText();
        String clientRecord = client("[\"workspace:read\"]")[0];
        String everything = token("[\"*\"]");
        String workspaceOnly = token("[\"workspace:read\"]");
        String sourcesOnly = token("[\"sources:read\"]");
        List<String> checked = new ArrayList<>();

        for (OpenApiContract.Operation op : spec.operations()) {
            List<String> credentials = op.credentials();
            if (!credentials.contains("api_key") && !credentials.contains("oauth")) {
                continue;
            }
            String path = fill(op.path(), project, source, clientRecord);
            String method = op.method().toUpperCase(java.util.Locale.ROOT);
            String body = method.equals("POST") || method.equals("PATCH") ? "{}" : null;
            boolean stream = op.path().endsWith("/sse");

            DocsServer.Response anonymous = stream ? server.head(path, null) : server.call(method, path, null, body);
            spec.assertConforms(op.id(), anonymous.status(), anonymous.headers(), anonymous.body());
            assertThat(anonymous.status()).as("%s without a credential", op).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).as("%s challenge", op).isEqualTo("Bearer realm=\"gatehouse\"");

            if (!credentials.contains("api_key")) {
                DocsServer.Response byKey = stream ? server.head(path, server.apiKey()) : server.call(method, path, server.apiKey(), body);
                spec.assertConforms(op.id(), byKey.status(), byKey.headers(), byKey.body());
                assertThat(byKey.status()).as("%s with an API key", op).isEqualTo(403);
            }
            if (!credentials.contains("oauth")) {
                DocsServer.Response byToken = stream ? server.head(path, everything) : server.call(method, path, everything, body);
                spec.assertConforms(op.id(), byToken.status(), byToken.headers(), byToken.body());
                assertThat(byToken.status()).as("%s with an access token", op).isEqualTo(403);
                assertThat(byToken.header("WWW-Authenticate")).as("%s wrong-kind challenge", op).isNull();
            } else {
                String scope = op.scope().orElseThrow();
                String lacking = scope.equals("workspace:read") ? sourcesOnly : workspaceOnly;
                DocsServer.Response narrow = stream ? server.head(path, lacking) : server.call(method, path, lacking, body);
                spec.assertConforms(op.id(), narrow.status(), narrow.headers(), narrow.body());
                assertThat(narrow.status()).as("%s with a token lacking %s", op, scope).isEqualTo(403);
                assertThat(narrow.header("WWW-Authenticate")).as("%s insufficient_scope challenge", op)
                        .isEqualTo("Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
            }
            checked.add(op.id());
        }

        assertThat(checked).hasSizeGreaterThanOrEqualTo(25);
    }

    private static String fill(String template, String project, String source, String clientRecord) {
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "org_id" -> server.orgId();
                case "user_id" -> server.userId();
                case "project_id" -> project;
                case "id" -> template.contains("/oauth_clients/") ? clientRecord : source;
                default -> throw new AssertionError("no value for the path parameter " + matcher.group(1) + " of " + template);
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
