package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A small client of the Gatehouse API: each call answers the parsed JSON body or throws {@link CliException}. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String base;
    final String bearer;

    Api(String base, String bearer) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.bearer = bearer;
    }

    private HttpRequest.Builder request(String path) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad base URL " + base);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
    }

    /** client_credentials with client_secret_basic. */
    JsonNode token(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), body);
        }
        return body == null ? JSON.createObjectNode() : body;
    }

    /** Opens a streaming GET (for SSE); answers the response, or throws on a non-2xx status. */
    HttpResponse<InputStream> stream(String path, Optional<String> lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Accept", "text/event-stream");
        lastEventId.ifPresent(id -> b.header("Last-Event-ID", id));
        HttpRequest req = b.GET().build();
        HttpResponse<InputStream> response = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw failure(response.statusCode(), parse(text));
        }
        return response;
    }

    CliException unreachable(IOException e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? "connection failed" : e.getMessage();
        return new CliException("cannot reach " + base + ": " + why);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static CliException failure(int status, JsonNode body) {
        if (body != null && body.hasNonNull("error")) {
            String message = body.get("error").asText();
            if (body.hasNonNull("error_description")) {
                message = message + ": " + body.get("error_description").asText();
            }
            return new CliException(message);
        }
        return new CliException("the server answered HTTP " + status);
    }
}
