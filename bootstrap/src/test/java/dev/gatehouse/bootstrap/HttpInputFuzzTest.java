package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the real Javalin handlers, in this JVM, over loopback HTTP: one Gatehouse on an in-memory H2 database
 * serves every input. The property, for every input: the answer is below 500, an error answer is a JSON object
 * with a textual {@code error}, and no handler let an exception escape (nothing was logged at ERROR, which is where
 * the catch-all handler and Jetty report one).
 *
 * <p>Inputs may name the live credentials with placeholders, so the fuzzer also reaches the paths behind
 * authentication: {@code $ID} and {@code $SECRET} (a client's id and secret), {@code $TOKEN} (an access token),
 * {@code $KEY} (the owner's API key), {@code $ORG} (the workspace id). Without {@code JAZZER_FUZZ} each target runs
 * on its committed inputs in {@code HttpInputFuzzTestInputs/<target>/}; {@code scripts/fuzz.sh} fuzzes one.
 */
class HttpInputFuzzTest {

    private static final Pattern BASE64_PLACEHOLDER = Pattern.compile("\\$B64\\(([^)]*)\\)");

    private static TestServer server;
    private static Workspace ws;
    private static HttpClient http;
    private static String clientId;
    private static String clientSecret;
    private static String token;
    private static String source;
    private static String adminClientRecord;
    private static String memberId;
    private static String projectId;
    private static final List<String> errors = new CopyOnWriteArrayList<>();
    private static AppenderBase<ILoggingEvent> errorRecorder;

    /**
     * Starts the server at the first input rather than in {@code @BeforeAll}: Jazzer's agent is attached only when
     * the first input is made, and only the classes loaded after that are instrumented for coverage.
     */
    private static synchronized void ensureStarted() throws Exception {
        if (server != null) {
            return;
        }
        Path dir = Files.createTempDirectory("gatehouse-fuzz");
        server = TestServer.start(ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(dir.resolve("boot.json")).withSseHeartbeat(Duration.ofMillis(200)));
        ws = Workspace.of(server, dir.resolve("boot.json"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String[] client = ws.client("[\"*\"]");
        clientId = client[0];
        clientSecret = client[1];
        token = ws.token(clientId, clientSecret);
        source = ws.source("fuzz");
        ws.emit(source, "{\"n\":1}");
        ws.emit(source, "{\"n\":2}");
        String[] target = ws.client("[\"workspace:read\"]");
        adminClientRecord = server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey).json().get("data")
                .findParents("client_id").stream().filter(c -> c.get("client_id").asText().equals(target[0]))
                .findFirst().orElseThrow().get("id").asText();
        memberId = server.postJson("/v1/workspaces/" + ws.orgId + "/members", ws.apiKey,
                "{\"email\":\"fuzz-member@example.com\",\"role\":\"member\"}").json().at("/data/id").asText();
        projectId = server.postJson("/v1/connect/projects", token, "{\"name\":\"fuzz\"}").json().at("/id").asText();
        errorRecorder = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    errors.add(event.getLoggerName() + ": " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName()
                            + ": " + event.getThrowableProxy().getMessage()));
                }
            }
        };
        errorRecorder.start();
        rootLogger().addAppender(errorRecorder);
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @AfterAll
    static void stop() {
        if (errorRecorder != null) {
            rootLogger().detachAppender(errorRecorder);
            errorRecorder = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * While fuzzing, Jazzer's network sanitizer reports every connection; these targets talk to their own server on
     * loopback. The permission holds for the calling thread, so each input asks for it (the fuzzer runs inputs on a
     * thread of its own). Without the fuzzer's agent there is nothing to allow.
     */
    @SuppressWarnings("resource")
    private static void allowLoopback() {
        try {
            BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
        } catch (IllegalStateException noAgent) {
            // a regression run without the agent
        }
    }

    /**
     * {@code POST /v1/oauth/token}, {@code /introspect} and {@code /revoke}. Input lines: the endpoint ({@code token},
     * {@code introspect} or {@code revoke}), the {@code Content-Type}, the {@code Authorization} header (empty for
     * none), then the body.
     */
    @FuzzTest(maxDuration = "5m")
    void tokenRequest(byte[] input) throws Exception {
        allowLoopback();
        ensureStarted();
        Fields in = Fields.of(input, 3);
        String path = "/v1/oauth/" + switch (in.field(0)) {
            case "introspect" -> "introspect";
            case "revoke" -> "revoke";
            default -> "token";
        };
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(fill(in.rest())));
        header(request, "Content-Type", in.field(1));
        header(request, "Authorization", fill(in.field(2)));
        Answer answer = send(request);
        assertWellFormed(answer);
        if (answer.status() == 200 && path.endsWith("/token")) {
            assertThat(answer.json().get("access_token").isTextual()).isTrue();
        }
    }

    /**
     * The {@code Authorization} header. Input lines: the route ({@code me}: key only, {@code workspace}: key or OAuth,
     * {@code projects}: OAuth only, {@code clients}: an admin's key), then one line per {@code Authorization} header.
     */
    @FuzzTest(maxDuration = "5m")
    void authorizationHeader(byte[] input) throws Exception {
        allowLoopback();
        ensureStarted();
        Fields in = Fields.of(input, 1);
        String path = switch (in.field(0)) {
            case "me" -> "/v1/users/me";
            case "projects" -> "/v1/connect/projects";
            case "clients" -> "/v1/workspaces/" + ws.orgId + "/oauth_clients";
            default -> "/v1/workspaces/" + ws.orgId;
        };
        HttpRequest.Builder request = request(path).GET();
        in.rest().lines().limit(3).forEach(line -> header(request, "Authorization", fill(line)));
        Answer answer = send(request);
        assertWellFormed(answer);
        if (answer.status() == 401) {
            assertThat(answer.challenge()).startsWith("Bearer realm=\"gatehouse\"");
        }
    }

    /**
     * {@code Last-Event-ID} on a stream the credential may open. Input lines: the stream ({@code source} or
     * {@code audit}), the credential ({@code key} or {@code token}), then the {@code Last-Event-ID} value.
     */
    @FuzzTest(maxDuration = "5m")
    void lastEventId(byte[] input) throws Exception {
        allowLoopback();
        ensureStarted();
        Fields in = Fields.of(input, 2);
        String path = in.field(0).equals("audit") ? "/v1/workspaces/" + ws.orgId + "/audit/sse" : "/v1/sources/" + source + "/sse";
        String credential = in.field(1).equals("token") ? token : ws.apiKey;
        HttpRequest.Builder request = request(path).GET().header("Authorization", "Bearer " + credential)
                .header("Accept", "text/event-stream");
        header(request, "Last-Event-ID", in.rest());
        Answer answer = send(request);
        assertWellFormed(answer);
        if (answer.status() == 200) {
            assertThat(answer.contentType()).startsWith("text/event-stream");
        }
    }

    /**
     * The JSON bodies of the admin endpoints. Input lines: the endpoint ({@code create-client}, {@code update-client},
     * {@code rotate}, {@code add-member}, {@code change-member}, {@code create-project}, {@code update-project},
     * {@code create-source}), the {@code Content-Type} (empty for JSON), then the body.
     */
    @FuzzTest(maxDuration = "5m")
    void adminBody(byte[] input) throws Exception {
        allowLoopback();
        ensureStarted();
        Fields in = Fields.of(input, 2);
        String clients = "/v1/workspaces/" + ws.orgId + "/oauth_clients";
        String members = "/v1/workspaces/" + ws.orgId + "/members";
        String[] target = switch (in.field(0)) {
            case "update-client" -> new String[] {"PATCH", clients + "/" + adminClientRecord, ws.apiKey};
            case "rotate" -> new String[] {"POST", clients + "/" + adminClientRecord + "/rotate_secret", ws.apiKey};
            case "add-member" -> new String[] {"POST", members, ws.apiKey};
            case "change-member" -> new String[] {"PATCH", members + "/" + memberId, ws.apiKey};
            case "create-project" -> new String[] {"POST", "/v1/connect/projects", token};
            case "update-project" -> new String[] {"PATCH", "/v1/connect/projects/" + projectId, token};
            case "create-source" -> new String[] {"POST", "/v1/sources", ws.apiKey};
            default -> new String[] {"POST", clients, ws.apiKey};
        };
        HttpRequest.Builder request = request(target[1])
                .method(target[0], HttpRequest.BodyPublishers.ofString(fill(in.rest())))
                .header("Authorization", "Bearer " + target[2]);
        header(request, "Content-Type", in.field(1).isEmpty() ? "application/json" : in.field(1));
        assertWellFormed(send(request));
    }

    /** An input as text: its first lines are fields, the rest is the body. */
    record Fields(List<String> fields, String rest) {
        static Fields of(byte[] input, int count) {
            String text = new String(input, StandardCharsets.UTF_8);
            List<String> fields = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int newline = text.indexOf('\n');
                fields.add((newline < 0 ? text : text.substring(0, newline)).strip());
                text = newline < 0 ? "" : text.substring(newline + 1);
            }
            return new Fields(fields, text);
        }

        String field(int index) {
            return fields.get(index);
        }
    }

    // ----- the property -----

    record Answer(int status, String contentType, String challenge, String body) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the answer " + status + " is not JSON: " + body, e);
            }
        }
    }

    private static void assertWellFormed(Answer answer) {
        assertThat(errors).as("errors logged while answering").isEmpty();
        assertThat(answer.status()).as(answer.body()).isBetween(200, 499);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(answer.status() + " " + answer.body()).startsWith("application/json");
            JsonNode error = answer.json().get("error");
            assertThat(error).as(answer.body()).isNotNull();
            assertThat(error.isTextual()).as(answer.body()).isTrue();
        }
    }

    // ----- sending -----

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.base + path)).timeout(Duration.ofSeconds(20));
    }

    /** Sends; a stream that opens is read no further, and closing it ends the server's side at its next heartbeat. */
    private static Answer send(HttpRequest.Builder request) {
        errors.clear();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body;
            try (InputStream in = response.body()) {
                body = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), type, response.headers().firstValue("WWW-Authenticate").orElse(""), body);
        } catch (IOException e) {
            throw new AssertionError("the server did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sets a header unless null; drops the characters no HTTP client can send (CR, LF and other controls). */
    private static void header(HttpRequest.Builder request, String name, String value) {
        if (value == null) {
            return;
        }
        StringBuilder sendable = new StringBuilder(value.length());
        value.chars().filter(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff)).forEach(c -> sendable.append((char) c));
        String text = sendable.toString().strip();
        if (!text.isEmpty()) {
            request.header(name, text);
        }
    }

    /** Puts the live credentials in place of their placeholders; {@code $B64(text)} is the base64 of the text. */
    private static String fill(String text) {
        String filled = text.replace("$BASIC", Workspace.basic(clientId, clientSecret)).replace("$ID", clientId)
                .replace("$SECRET", clientSecret).replace("$TOKEN", token).replace("$KEY", ws.apiKey).replace("$ORG", ws.orgId);
        Matcher b64 = BASE64_PLACEHOLDER.matcher(filled);
        return b64.replaceAll(match -> Matcher.quoteReplacement(base64(match.group(1))));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
