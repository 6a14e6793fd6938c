package dev.gatehouse.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads RFC 8414 authorization server metadata. */
final class Metadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Metadata() {
    }

    static JsonNode fetch(HttpClient http, String issuer, Duration timeout) {
        URI uri = URI.create(issuer + TokenClient.METADATA_PATH);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TokenClientException("the metadata at " + uri + " answered " + response.statusCode(),
                        response.statusCode(), null);
            }
            JsonNode json = JSON.readTree(response.body());
            if (json == null || !json.isObject()) {
                throw new TokenClientException("the metadata at " + uri + " is not a JSON object", 200, null);
            }
            return json;
        } catch (IOException e) {
            throw new TokenClientException("cannot read the metadata at " + uri + ": " + e.getMessage(), 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("interrupted while reading " + uri, 0, null, e);
        }
    }
}
