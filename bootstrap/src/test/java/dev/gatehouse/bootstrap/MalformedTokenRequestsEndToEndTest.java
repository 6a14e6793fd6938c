package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of malformed requests to {@code POST /v1/oauth/token} over real HTTP: valid requests of every form (form
 * body, JSON body, HTTP Basic) broken by a random mutation of the body, the {@code Content-Type} or the Basic
 * header, and plain garbage. Every one must get a 4xx with an RFC 6749 JSON error body, never a 5xx, never a token,
 * and never the client's secret echoed back. The random source is seeded, so a failure names a reproducible case.
 */
class MalformedTokenRequestsEndToEndTest {

    private static final long SEED = 0x9A7E_0005L;
    private static final int REQUESTS = 400;
    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    /** Characters that break each part of a request; no whitespace, which JSON would ignore. */
    private static final String NOISE = "%&=+{}[]\":,\\\u0000\u00e9\u20ac\ud83d\ude00#;xQ9-_.~'<>";

    @TempDir
    static Path dir;

    static TestServer server;
    static String clientId;
    static String secret;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.memoryDb(), Optional.of(dir.resolve("boot.json")));
        Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
        String[] client = ws.client("[\"workspace:read\"]");
        clientId = client[0];
        secret = client[1];
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Request(String kind, String contentType, String authorization, String body) {}

    @Test
    void templatesAreValidSoEveryMutationBreaksAWorkingRequest() throws Exception {
        for (Request valid : templates()) {
            HttpResponse<String> response = send(valid);
            assertThat(response.statusCode()).as(valid.kind()).isEqualTo(200);
        }
    }

    @Test
    void hundredsOfMalformedTokenRequestsGet4xxWithJsonErrorBodies() throws Exception {
        Random random = new Random(SEED);
        List<Request> templates = templates();
        List<Function<Request, Request>> breakers = List.of(
                r -> new Request(r.kind() + "/body", r.contentType(), r.authorization(), mutate(r.body(), random)),
                r -> new Request(r.kind() + "/body-twice", r.contentType(), r.authorization(), mutateTwice(r.body(), random)),
                r -> new Request(r.kind() + "/repeated", r.contentType(), r.authorization(), repeatParameter(r.body(), random)),
                r -> new Request(r.kind() + "/truncated", r.contentType(), r.authorization(),
                        r.body().substring(0, random.nextInt(Math.max(1, r.body().length() - 1)))),
                r -> new Request(r.kind() + "/content-type", wrongContentType(r.contentType(), random), r.authorization(), r.body()),
                r -> new Request(r.kind() + "/garbage", r.contentType(), r.authorization(), garbage(random)),
                r -> new Request(r.kind() + "/basic", r.contentType(), brokenBasic(random), stripCredentials(r.body())));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Request request = breakers.get(random.nextInt(breakers.size())).apply(templates.get(random.nextInt(templates.size())));
            HttpResponse<String> response = send(request);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                failures.add("#" + i + " " + request + ": " + problem);
            }
        }
        assertThat(failures).as("answers to malformed token requests (seed %s)", SEED).isEmpty();
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(s -> s >= 400 && s < 500);
        assertThat(statuses).containsKeys(400, 401);
    }

    private static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return "status " + status + " " + response.body();
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith(JSON)) {
            return "not JSON: " + response.headers().firstValue("Content-Type") + " " + response.body();
        }
        JsonNode body;
        try {
            body = TestServer.JSON.readTree(response.body());
        } catch (IOException e) {
            return "unparseable body " + response.body();
        }
        if (!body.isObject() || !body.path("error").isTextual() || !OAUTH_ERRORS.contains(body.get("error").asText())) {
            return "not an RFC 6749 error: " + response.body();
        }
        if (response.body().contains(secret)) {
            return "the secret was echoed";
        }
        return null;
    }

    // ----- requests -----

    private static List<Request> templates() {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret;
        String json = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}";
        return List.of(
                new Request("form", FORM, null, form),
                new Request("json", JSON, null, json),
                new Request("basic+form", FORM, Workspace.basic(clientId, secret), "grant_type=client_credentials"),
                new Request("basic+json", JSON, Workspace.basic(clientId, secret), "{\"grant_type\":\"client_credentials\"}"));
    }

    /** One random edit that cannot leave a request valid: insert a non-space character, or delete one. */
    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return String.valueOf(NOISE.charAt(random.nextInt(NOISE.length())));
        }
        int at = random.nextInt(text.length());
        return random.nextBoolean()
                ? text.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + text.substring(at)
                : text.substring(0, at) + text.substring(at + 1);
    }

    /** Two edits, the second never undoing the first. */
    private static String mutateTwice(String text, Random random) {
        String twice;
        do {
            twice = mutate(mutate(text, random), random);
        } while (twice.equals(text));
        return twice;
    }

    /** Repeats one whole parameter (a form pair, or a JSON member), which RFC 6749 §3.1 forbids. */
    private static String repeatParameter(String text, Random random) {
        if (text.startsWith("{")) {
            String inner = text.substring(1, text.length() - 1);
            String[] members = inner.split(",");
            return "{" + inner + "," + members[random.nextInt(members.length)] + "}";
        }
        String[] pairs = text.split("&");
        return text + "&" + pairs[random.nextInt(pairs.length)];
    }

    private static String wrongContentType(String actual, Random random) {
        List<String> wrong = new ArrayList<>(List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/jsonx", "application/x-www-form-urlencodedx", "*/*", "application", ";", "image/png"));
        wrong.add(actual.equals(JSON) ? FORM : JSON);
        return wrong.get(random.nextInt(wrong.size()));
    }

    private static String garbage(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(300);
        for (int i = 0; i < length; i++) {
            out.append(random.nextBoolean() ? NOISE.charAt(random.nextInt(NOISE.length())) : (char) (0x20 + random.nextInt(0x5f)));
        }
        return out.toString();
    }

    private static String brokenBasic(Random random) {
        String valid = Workspace.basic(clientId, secret).substring(6);
        int at = random.nextInt(valid.length() - 2);
        List<String> broken = List.of(
                "Basic " + valid.substring(0, at) + valid.substring(at + 1),
                "Basic " + valid.substring(0, at) + "*" + valid.substring(at + 1),
                "Basic " + valid.substring(0, at),
                "Basic " + Base64.getEncoder().encodeToString((clientId + secret).getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + mutate(secret, random)).getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString((clientId + ":%" + secret).getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(garbage(random).getBytes(StandardCharsets.UTF_8)),
                "Basic",
                "Basic ====",
                "Bearer " + valid,
                "basic " + valid + " " + valid);
        return broken.get(random.nextInt(broken.size()));
    }

    /** The body without the credentials, when they move to a (broken) Basic header. */
    private static String stripCredentials(String body) {
        return body.startsWith("{") ? "{\"grant_type\":\"client_credentials\"}" : "grant_type=client_credentials";
    }

    private static HttpResponse<String> send(Request request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.base + "/v1/oauth/token"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(request.body()))
                .header("Content-Type", request.contentType());
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
