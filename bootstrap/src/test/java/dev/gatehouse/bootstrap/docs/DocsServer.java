package dev.gatehouse.bootstrap.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.Map;

/** A real Gatehouse for the docs tests, with its first-start credentials and a small HTTP client. */
final class DocsServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Gatehouse gatehouse;
    final String base;
    final JsonNode boot;

    private DocsServer(Gatehouse gatehouse, JsonNode boot) {
        this.gatehouse = gatehouse;
        this.base = gatehouse.baseUrl();
        this.boot = boot;
    }

    /** Starts a server on {@code config}, which must name a bootstrap file on an empty database. */
    static DocsServer start(ServerConfig config) {
        Gatehouse gatehouse = Gatehouse.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Path file = config.bootstrapFile().orElseThrow();
            return new DocsServer(gatehouse, JSON.readTree(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            gatehouse.close();
            throw new IllegalStateException("the server wrote no bootstrap file", e);
        }
    }

    String orgId() {
        return boot.get("workspace_id").asText();
    }

    String userId() {
        return boot.get("user_id").asText();
    }

    String apiKey() {
        return boot.get("api_key").asText();
    }

    @Override
    public void close() {
        gatehouse.close();
    }

    /** A response, with what the contract check needs. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    /** {@code method path} with an optional bearer credential and JSON body. */
    Response call(String method, String path, String bearer, String json) {
        HttpRequest.Builder request = request(path);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request);
    }

    Response get(String path, String bearer) {
        return call("GET", path, bearer, null);
    }

    /** A form POST to an OAuth endpoint, with HTTP Basic when {@code basicId} is given. */
    Response form(String path, String form, String basicId, String basicSecret) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicId != null) {
            String pair = basicId + ":" + basicSecret;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    /** The status and headers of a streaming response, whose body is then abandoned. */
    Response head(String path, String bearer) {
        HttpRequest.Builder request = request(path).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body = "";
            if (response.statusCode() != 200) {
                body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            }
            response.body().close();
            return new Response(response.statusCode(), response.headers().map(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
