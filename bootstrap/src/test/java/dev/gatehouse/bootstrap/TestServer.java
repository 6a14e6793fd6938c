package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** A real Gatehouse on a free port for end-to-end tests, with its stdout captured and a small HTTP client. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Gatehouse gatehouse;
    final ByteArrayOutputStream stdout;
    final String base;

    private TestServer(Gatehouse gatehouse, ByteArrayOutputStream stdout) {
        this.gatehouse = gatehouse;
        this.stdout = stdout;
        this.base = gatehouse.baseUrl();
    }

    static String memoryDb() {
        return "jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static TestServer start(String dbUrl, Optional<Path> bootstrapFile) {
        return start(dbUrl, bootstrapFile, 0, Optional.empty());
    }

    static TestServer start(String dbUrl, Optional<Path> bootstrapFile, int port, Optional<String> issuer) {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", port, dbUrl);
        config = issuer.map(config::withIssuer).orElse(config);
        config = bootstrapFile.map(config::withBootstrapFile).orElse(config);
        return start(config);
    }

    static TestServer start(ServerConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Gatehouse gatehouse = Gatehouse.start(config, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(gatehouse, out);
    }

    String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        gatehouse.close();
    }

    /** One response, with its body parsed as JSON when it is JSON. */
    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    Response get(String path, String bearer) {
        HttpRequest.Builder request = request(path).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    Response patchJson(String path, String bearer, String json) {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path, String bearer) {
        return send(request(path).DELETE().header("Authorization", "Bearer " + bearer));
    }

    Response postJson(String path, String bearer, String json) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    Response postForm(String path, String form, String authorization) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }
}
