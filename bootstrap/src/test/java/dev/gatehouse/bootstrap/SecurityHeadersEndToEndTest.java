package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security headers of every answer, the console's policy, the reference page's policy, and CORS (off, then allowlisted). */
class SecurityHeadersEndToEndTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private TestServer start(ServerConfig config) {
        return TestServer.start(config.withBootstrapFile(dir.resolve("boot.json")));
    }

    private static ServerConfig defaults() {
        return ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb());
    }

    @Test
    void everyAnswerSaysNosniffAndNoReferrerAndPlainHttpGetsNoHsts() throws Exception {
        try (TestServer server = start(defaults())) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            List<TestServer.Response> answers = List.of(
                    server.get("/health", null),
                    server.get("/v1/users/me", ws.apiKey),
                    server.get("/v1/users/me", null),
                    server.get("/v1/nowhere", null),
                    server.postForm("/v1/oauth/token", "grant_type=client_credentials", null),
                    server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey, "{not json"));

            for (TestServer.Response answer : answers) {
                assertThat(answer.header("X-Content-Type-Options")).as(answer.body()).isEqualTo("nosniff");
                assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(answer.header("Strict-Transport-Security")).isNull();
                assertThat(answer.header("X-Request-Id")).matches("[0-9a-f]{32}");
            }
        }
    }

    @Test
    void anHttpsIssuerTurnsOnHsts() throws Exception {
        try (TestServer server = start(defaults().withIssuer("https://gatehouse.example.com"))) {
            assertThat(server.get("/health", null).header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            assertThat(server.get("/v1/users/me", null).header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        }
    }

    @Test
    void consolePathsForbidFramingAndEverythingNotFromThisOrigin() throws Exception {
        try (TestServer server = start(defaults())) {
            for (String path : List.of("/console", "/console/login", "/console/anything/else")) {
                TestServer.Response answer = server.get(path, null);

                assertThat(answer.header("Content-Security-Policy")).as(path)
                        .isEqualTo("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
                assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            }
            assertThat(server.get("/health", null).header("Content-Security-Policy")).isNull();
            assertThat(server.get("/consoles", null).header("X-Frame-Options")).isNull();
        }
    }

    /**
     * Without a browser: the reference page's policy admits what Swagger UI needs (scripts from this server, its
     * inline styles, its data: icons) and the page has no inline script that the policy would block.
     */
    @Test
    void theReferencePagePolicyLetsSwaggerUiWork() throws Exception {
        try (TestServer server = start(defaults())) {
            TestServer.Response page = server.get("/docs", null);
            String policy = page.header("Content-Security-Policy");

            assertThat(policy).contains("script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
                    "connect-src 'self'", "frame-ancestors 'none'");
            assertThat(policy.replaceAll("style-src[^;]*", "")).doesNotContain("'unsafe-inline'", "'unsafe-eval'");
            Matcher scripts = SCRIPT.matcher(page.body());
            int count = 0;
            while (scripts.find()) {
                count++;
                assertThat(scripts.group(1)).as("every script is a file of this server").contains("src=\"/docs/assets/");
                assertThat(scripts.group(2)).as("no inline script").isBlank();
            }
            assertThat(count).isEqualTo(2);
            assertThat(page.body()).doesNotContainPattern("\\son[a-z]+=");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        try (TestServer server = start(defaults())) {
            TestServer.Response simple = server.send(server.request("/health").GET().header("Origin", "https://app.example.com"));
            TestServer.Response preflight = preflight(server, "https://app.example.com");

            assertThat(simple.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void anAllowlistedOriginIsAnsweredAndItsPreflightToo() throws Exception {
        try (TestServer server = start(defaults().withOrigins(List.of("https://app.example.com"), List.of()))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            TestServer.Response allowed = server.send(server.request("/v1/users/me").GET()
                    .header("Origin", "https://app.example.com").header("Authorization", "Bearer " + ws.apiKey));
            TestServer.Response preflight = preflight(server, "https://app.example.com");
            TestServer.Response other = server.send(server.request("/v1/users/me").GET()
                    .header("Origin", "https://evil.example.com").header("Authorization", "Bearer " + ws.apiKey));
            TestServer.Response otherPreflight = preflight(server, "https://evil.example.com");

            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(allowed.header("Access-Control-Expose-Headers")).contains("Retry-After", "X-Request-Id");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(preflight.status()).isBetween(200, 204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
            assertThat(other.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            assertThat(otherPreflight.header("Access-Control-Allow-Origin")).as("a browser refuses without it").isNull();
        }
    }

    private static TestServer.Response preflight(TestServer server, String origin) {
        return server.send(server.request("/v1/oauth/token").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
    }

    @Test
    void aSaneRequestIdIsEchoedAndAnInsaneOneReplaced() throws Exception {
        try (TestServer server = start(defaults())) {
            TestServer.Response sane = server.send(server.request("/health").GET().header("X-Request-Id", "trace-42.a:b"));
            TestServer.Response insane = server.send(server.request("/health").GET().header("X-Request-Id", "a b\"<script>"));
            TestServer.Response tooLong = server.send(server.request("/health").GET().header("X-Request-Id", "a".repeat(65)));

            assertThat(sane.header("X-Request-Id")).isEqualTo("trace-42.a:b");
            assertThat(insane.header("X-Request-Id")).matches("[0-9a-f]{32}");
            assertThat(tooLong.header("X-Request-Id")).matches("[0-9a-f]{32}");
            assertThat(Optional.ofNullable(server.get("/health", null).header("X-Request-Id"))).isPresent();
        }
    }
}
