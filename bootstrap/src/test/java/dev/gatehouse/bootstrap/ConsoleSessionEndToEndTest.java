package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's session over real HTTP: the cookie's attributes, the same answer for a wrong password and an
 * unknown account, the cookie accepted where an API key is (and only there), CSRF on every change, sign-out,
 * sessions that survive a restart, and sign-in throttling.
 */
class ConsoleSessionEndToEndTest {

    private static final String SESSION = "/console/api/session";

    @TempDir
    static Path dir;

    static TestServer server;
    static JsonNode boot;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.memoryDb(), Optional.of(dir.resolve("boot.json")));
        boot = TestServer.JSON.readTree(Files.readString(dir.resolve("boot.json")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response signIn(TestServer on, String email, String password) {
        return on.send(on.request(SESSION).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
    }

    /** {@code name=value} of the session cookie a sign-in set. */
    private static String cookie(TestServer.Response signedIn) {
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).isNotNull();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static TestServer.Response withCookie(TestServer on, String method, String path, String cookie, String csrf, String json) {
        HttpRequest.Builder request = on.request(path).header("Cookie", cookie);
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return on.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String csrf(TestServer on, String cookie) {
        TestServer.Response session = withCookie(on, "GET", SESSION, cookie, null, null);
        assertThat(session.status()).isEqualTo(200);
        return session.json().at("/data/csrf_token").asText();
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieAndDescribesTheSession() {
        TestServer.Response signedIn = signIn(server, boot.get("email").asText(), boot.get("password").asText());

        assertThat(signedIn.status()).isEqualTo(200);
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).startsWith("gatehouse_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure", "Max-Age", "Expires");
        JsonNode data = signedIn.json().get("data");
        assertThat(data.at("/user/email").asText()).isEqualTo(boot.get("email").asText());
        assertThat(data.at("/workspaces/0/role").asText()).isEqualTo("owner");
        String key = boot.get("api_key").asText();
        assertThat(data.at("/api_key/masked").asText()).isEqualTo("gtk_…" + key.substring(key.length() - 4));
        assertThat(signedIn.body()).doesNotContain(key).doesNotContain(boot.get("password").asText());
        assertThat(data.get("csrf_token").asText()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() {
        TestServer.Response wrong = signIn(server, boot.get("email").asText(), "not-the-password");
        TestServer.Response unknown = signIn(server, "nobody@example.com", "not-the-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.header("Set-Cookie")).isNull();
    }

    @Test
    void signInFromAnotherSitesPageOrWithoutJsonIsRefused() {
        TestServer.Response crossSite = server.send(server.request(SESSION).header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\",\"password\":\"x\"}")));
        TestServer.Response form = server.send(server.request(SESSION).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=a@b.c&password=x")));

        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(form.status()).isEqualTo(415);
    }

    @Test
    void theCookieActsAsTheUserWhereAnApiKeyIsAcceptedAndChangesNeedTheCsrfToken() {
        String cookie = cookie(signIn(server, boot.get("email").asText(), boot.get("password").asText()));
        String clients = "/v1/workspaces/" + boot.get("workspace_id").asText() + "/oauth_clients";

        assertThat(withCookie(server, "GET", "/v1/users/me", cookie, null, null).json().at("/data/id").asText())
                .isEqualTo(boot.get("user_id").asText());
        TestServer.Response noToken = withCookie(server, "POST", clients, cookie, null, "{\"name\":\"forged\"}");
        TestServer.Response wrongToken = withCookie(server, "POST", clients, cookie, "x".repeat(43), "{\"name\":\"forged\"}");
        String csrf = csrf(server, cookie);
        TestServer.Response withToken = withCookie(server, "POST", clients, cookie, csrf, "{\"name\":\"console\"}");

        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.json().get("error").asText()).contains("X-CSRF-Token");
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(withToken.status()).isEqualTo(201);
        assertThat(withCookie(server, "GET", clients, cookie, null, null).json().get("data").findValuesAsText("name"))
                .contains("console").doesNotContain("forged");
    }

    @Test
    void theCookieIsNotACredentialForOAuthOnlyEndpointsNorOverAnAuthorizationHeader() {
        String cookie = cookie(signIn(server, boot.get("email").asText(), boot.get("password").asText()));

        assertThat(withCookie(server, "GET", "/v1/connect/projects", cookie, null, null).status()).isEqualTo(401);
        TestServer.Response badBearer = server.send(server.request("/v1/users/me").header("Cookie", cookie)
                .header("Authorization", "Bearer gtk_not-a-key").GET());
        assertThat(badBearer.status()).isEqualTo(401);
    }

    @Test
    void theAuditStreamWorksWithTheCookieAndEndsAtSignOut() throws Exception {
        String cookie = cookie(signIn(server, boot.get("email").asText(), boot.get("password").asText()));
        String org = boot.get("workspace_id").asText();

        try (SseReader stream = SseReader.openWithCookie(server.base + "/v1/workspaces/" + org + "/audit/sse", cookie)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            String csrf = csrf(server, cookie);
            assertThat(withCookie(server, "POST", "/v1/workspaces/" + org + "/oauth_clients", cookie, csrf,
                    "{\"name\":\"streamed\"}").status()).isEqualTo(201);
            assertThat(stream.next(java.time.Duration.ofSeconds(5)).data()).contains("oauth_client.created", "streamed");

            long signedOutAt = System.currentTimeMillis();
            assertThat(withCookie(server, "DELETE", SESSION, cookie, csrf, null).status()).isEqualTo(204);

            assertThat(stream.awaitEnd(java.time.Duration.ofSeconds(10)) - signedOutAt).isLessThan(5_000);
        }
    }

    @Test
    void signingInAgainEndsTheSessionTheBrowserHad() {
        String old = cookie(signIn(server, boot.get("email").asText(), boot.get("password").asText()));

        TestServer.Response again = server.send(server.request(SESSION).header("Content-Type", "application/json").header("Cookie", old)
                .header("Origin", server.base)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + boot.get("email").asText() + "\",\"password\":\""
                        + boot.get("password").asText() + "\"}")));

        assertThat(again.status()).isEqualTo(200);
        assertThat(cookie(again)).isNotEqualTo(old);
        assertThat(withCookie(server, "GET", SESSION, old, null, null).status()).isEqualTo(401);
        assertThat(withCookie(server, "GET", SESSION, cookie(again), null, null).status()).isEqualTo(200);
    }

    @Test
    void theSignInFormWorksWithoutJavaScript() {
        String form = "email=" + java.net.URLEncoder.encode(boot.get("email").asText(), java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(boot.get("password").asText(), java.nio.charset.StandardCharsets.UTF_8);

        TestServer.Response signedIn = server.postForm("/console/login", form, null);
        TestServer.Response wrong = server.postForm("/console/login", "email=a%40b.c&password=nope", null);

        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/console/clients");
        assertThat(withCookie(server, "GET", SESSION, cookie(signedIn), null, null).status()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(wrong.header("Location")).isEqualTo("/console/login?failed=1");
        assertThat(wrong.header("Set-Cookie")).isNull();
    }

    @Test
    void failedSignInsSpreadOverManyAccountsFromOneAddressAreThrottled() throws Exception {
        Path boot5 = dir.resolve("ip-throttle-boot.json");
        try (TestServer throttled = TestServer.start(TestServer.memoryDb(), Optional.of(boot5))) {
            int attempts = 0;
            int status = 401;
            while (status == 401 && attempts < 20) {
                status = signIn(throttled, "guess-" + attempts + "@example.com", "nope").status();
                attempts++;
            }

            assertThat(status).isEqualTo(429);
            assertThat(attempts).isBetween(11, 14);
        }
    }

    @Test
    void anUnknownSessionCookieGets401() {
        TestServer.Response response = withCookie(server, "GET", "/v1/users/me", "gatehouse_session=" + "A".repeat(43), null, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"gatehouse\"");
    }

    @Test
    void signOutNeedsTheCsrfTokenThenEndsTheSessionEverywhere() {
        String cookie = cookie(signIn(server, boot.get("email").asText(), boot.get("password").asText()));
        String csrf = csrf(server, cookie);

        assertThat(withCookie(server, "DELETE", SESSION, cookie, null, null).status()).isEqualTo(403);
        TestServer.Response signedOut = withCookie(server, "DELETE", SESSION, cookie, csrf, null);

        assertThat(signedOut.status()).isEqualTo(204);
        assertThat(signedOut.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(withCookie(server, "GET", SESSION, cookie, null, null).status()).isEqualTo(401);
        assertThat(withCookie(server, "GET", "/v1/users/me", cookie, null, null).status()).isEqualTo(401);
    }

    @Test
    void theConsolePagesRedirectToSignInWithoutASessionAndServeWithASession() {
        TestServer.Response anonymous = server.get("/console/clients", null);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).isEqualTo("/console/login");

        String cookie = cookie(signIn(server, boot.get("email").asText(), boot.get("password").asText()));
        TestServer.Response page = withCookie(server, "GET", "/console/clients", cookie, null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(page.body()).doesNotContain("<script>", "style=", "onclick=");
        assertThat(server.get("/console/login", null).status()).isEqualTo(200);
        assertThat(server.get("/console/assets/console.js", null).header("Content-Type")).startsWith("text/javascript");
        assertThat(server.get("/console/nothing", null).status()).isEqualTo(404);
    }

    @Test
    void underAnHttpsIssuerTheCookieIsSecureWithTheHostPrefix() throws Exception {
        Path boot2 = dir.resolve("https-boot.json");
        try (TestServer https = TestServer.start(TestServer.memoryDb(), Optional.of(boot2), 0, Optional.of("https://gatehouse.example"))) {
            JsonNode credentials = TestServer.JSON.readTree(Files.readString(boot2));
            TestServer.Response signedIn = signIn(https, credentials.get("email").asText(), credentials.get("password").asText());

            assertThat(signedIn.header("Set-Cookie")).startsWith("__Host-gatehouse_session=").contains("; Secure", "; Path=/",
                    "; HttpOnly", "; SameSite=Strict");
            assertThat(withCookie(https, "GET", SESSION, cookie(signedIn), null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aSessionSurvivesARestartOnTheSameDatabase() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("restart").toAbsolutePath() + ";WRITE_DELAY=0";
        Path boot3 = dir.resolve("restart-boot.json");
        String cookie;
        try (TestServer first = TestServer.start(url, Optional.of(boot3))) {
            JsonNode credentials = TestServer.JSON.readTree(Files.readString(boot3));
            cookie = cookie(signIn(first, credentials.get("email").asText(), credentials.get("password").asText()));
        }
        try (TestServer second = TestServer.start(url, Optional.empty())) {
            assertThat(withCookie(second, "GET", SESSION, cookie, null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void repeatedFailedSignInsAreThrottledEvenWithTheRightPassword() throws Exception {
        Path boot4 = dir.resolve("throttle-boot.json");
        try (TestServer throttled = TestServer.start(TestServer.memoryDb(), Optional.of(boot4))) {
            JsonNode credentials = TestServer.JSON.readTree(Files.readString(boot4));
            String email = credentials.get("email").asText();
            // 10 failures a minute, refilled smoothly (one every 6 s): on a slow machine a permit may come back
            // while the failures are made, so fail until refused, which must happen well before 20 tries.
            int failures = 0;
            int status = 401;
            while (status == 401 && failures < 20) {
                status = signIn(throttled, email, "guess-" + failures).status();
                failures++;
            }
            assertThat(status).isEqualTo(429);
            assertThat(failures).isBetween(11, 14);

            TestServer.Response refused = signIn(throttled, email, credentials.get("password").asText());

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("Throttled");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(refused.headers().map().keySet()).anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("X-RateLimit-Limit"));
            assertThat(refused.header("Set-Cookie")).isNull();
            assertThat(List.of(refused.header("X-RateLimit-Limit"))).containsExactly("10");
        }
    }
}
