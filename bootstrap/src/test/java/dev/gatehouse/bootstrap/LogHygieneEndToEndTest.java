package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.bootstrap.logging.GatehouseEncoder;
import dev.gatehouse.bootstrap.logging.LogFormat;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every flow that handles a credential (tokens by JSON, form and Basic, wrong secrets, rotation, API key
 * revocation, a new member's first key and password, SSE, introspection, revocation, and errors) against a real
 * server, with Gatehouse's loggers turned up to TRACE and its log lines captured through the production encoder,
 * and proves that no secret, API key, token or password appears in any log line or in any error body. It also
 * checks what the access lines do carry: the request id, the principal, the method, the path and the status.
 */
class LogHygieneEndToEndTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        GatehouseEncoder encoder = new GatehouseEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("log-hygiene");
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        ch.qos.logback.classic.Logger gatehouse = context.getLogger("dev.gatehouse");
        previousLevel = gatehouse.getLevel();
        gatehouse.setLevel(Level.TRACE);
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        context.getLogger("dev.gatehouse").setLevel(previousLevel);
        GatehouseEncoder.use(LogFormat.TEXT);
    }

    private List<String> lines() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Every credential the flows handle, right or wrong, and every answer that is not allowed to show one. */
    private static final class Flows {
        final Set<String> secrets = new LinkedHashSet<>();
        final List<TestServer.Response> mustNotShowSecrets = new ArrayList<>();
        final List<TestServer.Response> all = new ArrayList<>();

        TestServer.Response plain(TestServer.Response response) {
            all.add(response);
            mustNotShowSecrets.add(response);
            return response;
        }

        /** An answer that hands out a credential by design (a token, a creation, a rotation, a new member). */
        TestServer.Response showsOnce(TestServer.Response response) {
            all.add(response);
            return response;
        }

        String secret(String value) {
            secrets.add(value);
            return value;
        }
    }

    @Test
    void noCredentialAppearsInAnyLogLineOrErrorBody() throws Exception {
        Flows flows = new Flows();
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb()).withBootstrapFile(dir.resolve("boot.json"))
                .withSseHeartbeat(Duration.ofMillis(500));
        try (TestServer server = TestServer.start(config)) {
            runEveryFlow(server, flows);
        }

        List<String> lines = lines();
        assertThat(lines).hasSizeGreaterThan(30);
        assertThat(flows.secrets).hasSizeGreaterThanOrEqualTo(12);
        for (String secret : flows.secrets) {
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
            for (TestServer.Response response : flows.mustNotShowSecrets) {
                assertThat(response.body()).as("answer %s", response.status()).doesNotContain(secret);
            }
        }
        for (TestServer.Response response : flows.all) {
            String id = response.header("X-Request-Id");
            assertThat(lines).as("an access line for request %s", id)
                    .anyMatch(line -> line.contains("request_id=" + id) && line.contains("logger=dev.gatehouse.access")
                            && line.contains("status=" + response.status()));
        }
        assertThat(lines).filteredOn(line -> line.contains("logger=dev.gatehouse.access"))
                .allMatch(line -> line.matches(".* request_id=\\S+ .*") && line.contains(" method=") && line.contains(" path=")
                        && line.contains(" principal=") && line.contains(" duration_ms="))
                .noneMatch(line -> line.contains("?"));
    }

    private void runEveryFlow(TestServer server, Flows flows) throws Exception {
        JsonNode boot = TestServer.JSON.readTree(Files.readString(dir.resolve("boot.json")));
        Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
        flows.secret(ws.apiKey);
        flows.secret(boot.get("password").asText());
        String clients = "/v1/workspaces/" + ws.orgId + "/oauth_clients";

        JsonNode created = flows.showsOnce(server.postJson(clients, ws.apiKey, "{\"name\":\"hygiene\",\"scopes\":[\"*\"]}")).json().get("data");
        String clientId = created.get("client_id").asText();
        String recordId = created.get("id").asText();
        String secret = flows.secret(created.get("client_secret").asText());
        String wrong = flows.secret(secret.substring(0, secret.length() - 2) + "zz");

        String basicToken = flows.secret(flows.showsOnce(server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                Workspace.basic(clientId, secret))).json().get("access_token").asText());
        flows.secret(flows.showsOnce(server.postForm("/v1/oauth/token", "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + enc(secret), null)).json().get("access_token").asText());
        String jsonToken = flows.secret(flows.showsOnce(server.postJson("/v1/oauth/token", null, "{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}")).json().get("access_token").asText());

        assertThat(flows.plain(server.postForm("/v1/oauth/token", "grant_type=client_credentials", Workspace.basic(clientId, wrong))).status())
                .isEqualTo(401);
        assertThat(flows.plain(server.postForm("/v1/oauth/token", "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + enc(wrong), null)).status()).isEqualTo(401);
        assertThat(flows.plain(server.postJson("/v1/oauth/token", null, "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + clientId + "\",\"client_secret\":\"" + wrong + "\"}")).status()).isEqualTo(401);
        assertThat(flows.plain(server.postForm("/v1/oauth/token", "grant_type=client_credentials&client_id=" + enc(secret)
                + "&client_secret=" + enc(secret), null)).status()).isEqualTo(401);
        assertThat(flows.plain(server.postForm("/v1/oauth/token?client_secret=" + enc(secret), "grant_type=client_credentials&client_id="
                + clientId, null)).status()).isBetween(400, 401);
        flows.plain(server.postForm("/v1/oauth/token", "grant_type=password&client_id=" + clientId + "&client_secret=" + enc(secret), null));
        flows.plain(server.postJson("/v1/oauth/token", null, "{\"client_secret\":\"" + secret + "\""));

        JsonNode rotated = flows.showsOnce(server.postJson(clients + "/" + recordId + "/rotate_secret", ws.apiKey,
                "{\"grace_period_seconds\":60}")).json().get("data");
        String rotatedSecret = flows.secret(rotated.get("client_secret").asText());
        flows.secret(flows.showsOnce(server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                Workspace.basic(clientId, rotatedSecret))).json().get("access_token").asText());
        assertThat(flows.plain(server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                Workspace.basic(clientId, secret))).status()).as("the old secret in its grace period").isEqualTo(200);
        String thirdSecret = flows.secret(flows.showsOnce(server.postJson(clients + "/" + recordId + "/rotate_secret", ws.apiKey,
                "{\"revoke_tokens\":false}")).json().at("/data/client_secret").asText());
        assertThat(flows.plain(server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                Workspace.basic(clientId, rotatedSecret))).status()).isEqualTo(401);

        String source = ws.source("hygiene");
        try (SseReader stream = SseReader.open(server.base + "/v1/sources/" + source + "/sse", jsonToken, Optional.empty())) {
            flows.plain(server.postJson("/v1/sources/" + source + "/events", ws.apiKey, "{\"kind\":\"ping\"}"));
            assertThat(stream.next(Duration.ofSeconds(5)).data()).contains("ping");
        }
        flows.plain(server.get("/v1/sources/" + source, basicToken));

        assertThat(flows.plain(server.postForm("/v1/oauth/introspect", "token=" + basicToken,
                Workspace.basic(clientId, thirdSecret))).json().get("active").asBoolean()).isTrue();
        flows.plain(server.postForm("/v1/oauth/introspect", "token=" + basicToken, Workspace.basic(clientId, wrong)));
        flows.plain(server.postForm("/v1/oauth/revoke", "token=" + basicToken, Workspace.basic(clientId, thirdSecret)));
        assertThat(flows.plain(server.postForm("/v1/oauth/introspect", "token=" + basicToken,
                Workspace.basic(clientId, thirdSecret))).json().get("active").asBoolean()).isFalse();
        assertThat(flows.plain(server.get("/v1/sources/" + source, basicToken)).status()).isEqualTo(401);

        JsonNode member = flows.showsOnce(server.postJson("/v1/workspaces/" + ws.orgId + "/members", ws.apiKey,
                "{\"email\":\"new.member@example.com\",\"role\":\"member\"}")).json().get("data");
        String memberKey = flows.secret(member.get("api_key").asText());
        flows.secret(member.get("password").asText());
        assertThat(flows.plain(server.get("/v1/users/me", memberKey)).status()).isEqualTo(200);

        String oldKey = ws.apiKey;
        String newKey = flows.secret(flows.showsOnce(server.postJson("/v1/users/me/api_key/revoke", oldKey, "")).json()
                .at("/data/api_key").asText());
        assertThat(flows.plain(server.get("/v1/users/me", oldKey)).status()).isEqualTo(401);
        assertThat(flows.plain(server.get("/v1/users/me", newKey)).status()).isEqualTo(200);

        flows.plain(server.get("/v1/users/me", thirdSecret));
        flows.plain(server.get("/v1/users/me", newKey + "x"));
        flows.plain(server.get("/v1/users/me?api_key=" + enc(newKey), null));
        flows.plain(server.get("/v1/nowhere?token=" + enc(jsonToken), null));
        flows.plain(server.postJson(clients, newKey, "{\"name\":\"" + secret + "\""));
        flows.plain(server.postJson(clients, newKey, "{\"name\":\"x\",\"scopes\":\"" + secret + "\"}"));
        flows.plain(server.send(server.request("/v1/users/me").GET().header("Authorization", "Basic " + enc(newKey))));
        flows.plain(server.delete(clients + "/" + recordId, newKey));
        assertThat(flows.plain(server.get("/v1/sources/" + source, jsonToken)).status()).as("a deleted client's token").isEqualTo(401);
        assertThat(flows.plain(server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                Workspace.basic(clientId, thirdSecret))).status()).isEqualTo(401);
        Thread.sleep(1500);
    }

    @Test
    void theJsonFormatCarriesTheRequestIdAndTheAccessFieldsAsKeys() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb()).withBootstrapFile(dir.resolve("boot.json"));
        try (TestServer server = TestServer.start(config)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            captured.reset();
            GatehouseEncoder.use(LogFormat.JSON);

            TestServer.Response me = server.send(server.request("/v1/users/me").GET().header("Authorization", "Bearer " + ws.apiKey)
                    .header("X-Request-Id", "json-format-check"));
            server.get("/v1/users/me", "gtk_wrong");

            assertThat(me.status()).isEqualTo(200);
            List<JsonNode> events = new ArrayList<>();
            for (String line : lines()) {
                events.add(TestServer.JSON.readTree(line));
            }
            assertThat(events).anySatisfy(event -> {
                assertThat(event.get("logger_name").asText()).isEqualTo("dev.gatehouse.access");
                assertThat(event.get("request_id").asText()).isEqualTo("json-format-check");
                assertThat(event.get("principal").asText()).isEqualTo("user:" + ws.userId);
                assertThat(event.get("method").asText()).isEqualTo("GET");
                assertThat(event.get("path").asText()).isEqualTo("/v1/users/me");
                assertThat(event.get("status").asText()).isEqualTo("200");
            });
            assertThat(lines()).noneMatch(line -> line.contains(ws.apiKey));
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
