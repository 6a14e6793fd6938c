package dev.gatehouse.adapter.in.http.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.List;

/**
 * An OAuth client as the admin API shows it. Only the create and rotate responses carry
 * {@code client_secret}; {@code projects} is null when the client may use every project.
 */
@JsonPropertyOrder({"id", "client_id", "client_secret", "name", "scopes", "projects", "created_at", "last_used_at"})
public record OAuthClientResponse(
        String id,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
        String name,
        List<String> scopes,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> projects,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_used_at") @JsonInclude(JsonInclude.Include.ALWAYS) String lastUsedAt) {

    public static OAuthClientResponse from(OAuthClient client) {
        return of(client, null);
    }

    public static OAuthClientResponse created(OAuthClient.Registration registration) {
        return of(registration.client(), registration.secret().value());
    }

    private static OAuthClientResponse of(OAuthClient client, String secret) {
        return new OAuthClientResponse(
                client.id().value(),
                client.clientId().value(),
                secret,
                client.name(),
                client.allowedScopes().asStrings(),
                client.projects().restrictedTo().map(p -> p.stream().map(ProjectId::value).toList()).orElse(null),
                Json.timestamp(client.createdAt()),
                client.lastUsedAt().map(Json::timestamp).orElse(null));
    }

    @Override
    public String toString() {
        return "OAuthClientResponse[" + id + ", " + clientId + ", " + name + "]";
    }
}
