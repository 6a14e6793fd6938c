package dev.gatehouse.adapter.in.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.adapter.in.http.workspace.WorkspaceIds;
import dev.gatehouse.application.client.port.in.CreateOAuthClientCommand;
import dev.gatehouse.application.client.port.in.CreateOAuthClientUseCase;
import dev.gatehouse.application.client.port.in.ListOAuthClientsUseCase;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.WorkspaceId;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/workspaces/{org_id}/oauth_clients}: a workspace admin's OAuth clients (contract §6). */
public final class OAuthClientEndpoints {

    public static final String COLLECTION = "/v1/workspaces/{org_id}/oauth_clients";
    public static final String ITEM = COLLECTION + "/{id}";

    private final CreateOAuthClientUseCase create;
    private final ListOAuthClientsUseCase list;

    public OAuthClientEndpoints(CreateOAuthClientUseCase create, ListOAuthClientsUseCase list) {
        this.create = create;
        this.list = list;
    }

    public void create(Context ctx, Principal caller) {
        Principal.User user = BearerAuth.user(caller);
        WorkspaceId workspace = WorkspaceIds.fromPath(ctx);
        ObjectNode body = Json.readObject(ctx);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiException.badRequest("name is required and must be a non-empty string");
        }
        OAuthClient.Registration registration = create.create(new CreateOAuthClientCommand(
                user.userId(), workspace, name.asText(), stringList(body, "scopes"), stringList(body, "projects")));
        Json.respond(ctx, 201, Map.of("data", OAuthClientResponse.created(registration)));
    }

    public void list(Context ctx, Principal caller) {
        Principal.User user = BearerAuth.user(caller);
        WorkspaceId workspace = WorkspaceIds.fromPath(ctx);
        List<OAuthClientResponse> data = list.list(user.userId(), workspace).stream().map(OAuthClientResponse::from).toList();
        Json.respond(ctx, 200, Map.of("data", data));
    }

    public void get(Context ctx, Principal caller) {
        Principal.User user = BearerAuth.user(caller);
        WorkspaceId workspace = WorkspaceIds.fromPath(ctx);
        String id = ctx.pathParam("id");
        if (!OAuthClientRecordId.isValid(id)) {
            throw ApiException.notFound("OAuth client not found");
        }
        OAuthClient client = list.get(user.userId(), workspace, new OAuthClientRecordId(id));
        Json.respond(ctx, 200, Map.of("data", OAuthClientResponse.from(client)));
    }

    /** An optional array of strings: absent or null is empty, anything else but an array of strings is a 400. */
    private static Optional<List<String>> stringList(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return Optional.of(out);
    }
}
