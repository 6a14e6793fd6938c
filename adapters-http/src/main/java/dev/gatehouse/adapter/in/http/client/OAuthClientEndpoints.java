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
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases;
import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.WorkspaceId;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/workspaces/{org_id}/oauth_clients}: a workspace admin's OAuth clients (contract §6). */
public final class OAuthClientEndpoints {

    public static final String COLLECTION = "/v1/workspaces/{org_id}/oauth_clients";
    public static final String ITEM = COLLECTION + "/{id}";

    public static final String ROTATE = ITEM + "/rotate_secret";

    private final CreateOAuthClientUseCase create;
    private final ListOAuthClientsUseCase list;
    private final ManageOAuthClientUseCases.UpdateOAuthClientUseCase update;
    private final ManageOAuthClientUseCases.RotateClientSecretUseCase rotate;
    private final ManageOAuthClientUseCases.DeleteOAuthClientUseCase delete;

    public OAuthClientEndpoints(CreateOAuthClientUseCase create, ListOAuthClientsUseCase list,
                                ManageOAuthClientUseCases.UpdateOAuthClientUseCase update,
                                ManageOAuthClientUseCases.RotateClientSecretUseCase rotate,
                                ManageOAuthClientUseCases.DeleteOAuthClientUseCase delete) {
        this.create = create;
        this.list = list;
        this.update = update;
        this.rotate = rotate;
        this.delete = delete;
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
                user.userId(), ctx.ip(), workspace, name.asText(), stringList(body, "scopes"), stringList(body, "projects")));
        ctx.header("Cache-Control", "no-store");
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
        OAuthClient client = list.get(user.userId(), WorkspaceIds.fromPath(ctx), recordId(ctx));
        Json.respond(ctx, 200, Map.of("data", OAuthClientResponse.from(client)));
    }

    public void update(Context ctx, Principal caller) {
        Actor actor = actor(ctx, caller);
        WorkspaceId workspace = WorkspaceIds.fromPath(ctx);
        OAuthClientRecordId id = recordId(ctx);
        ObjectNode body = Json.readObject(ctx);
        Optional<String> name = Optional.empty();
        JsonNode nameNode = body.get("name");
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
                throw ApiException.badRequest("name must be a non-empty string");
            }
            name = Optional.of(nameNode.asText());
        }
        Optional<Optional<List<String>>> projects = body.has("projects")
                ? Optional.of(stringList(body, "projects"))
                : Optional.empty();
        OAuthClient client = update.update(new ManageOAuthClientUseCases.UpdateOAuthClientCommand(
                actor, workspace, id, name, stringList(body, "scopes"), projects));
        Json.respond(ctx, 200, Map.of("data", OAuthClientResponse.from(client)));
    }

    public void rotate(Context ctx, Principal caller) {
        Actor actor = actor(ctx, caller);
        WorkspaceId workspace = WorkspaceIds.fromPath(ctx);
        OAuthClientRecordId id = recordId(ctx);
        ObjectNode body = Json.readObject(ctx);
        long grace = 0;
        JsonNode graceNode = body.get("grace_period_seconds");
        if (graceNode != null && !graceNode.isNull()) {
            if (!graceNode.canConvertToLong() || !graceNode.isIntegralNumber() || graceNode.asLong() < 0) {
                throw ApiException.badRequest("grace_period_seconds must be a whole number of seconds, 0 or more");
            }
            grace = graceNode.asLong();
        }
        boolean revokeTokens = false;
        JsonNode revokeNode = body.get("revoke_tokens");
        if (revokeNode != null && !revokeNode.isNull()) {
            if (!revokeNode.isBoolean()) {
                throw ApiException.badRequest("revoke_tokens must be true or false");
            }
            revokeTokens = revokeNode.asBoolean();
        }
        OAuthClient.Registration rotated = rotate.rotate(new ManageOAuthClientUseCases.RotateClientSecretCommand(
                actor, workspace, id, Duration.ofSeconds(grace), revokeTokens));
        ctx.header("Cache-Control", "no-store");
        Json.respond(ctx, 200, Map.of("data", OAuthClientResponse.created(rotated)));
    }

    public void delete(Context ctx, Principal caller) {
        delete.delete(actor(ctx, caller), WorkspaceIds.fromPath(ctx), recordId(ctx));
        ctx.status(204);
    }

    private static Actor actor(Context ctx, Principal caller) {
        return new Actor(BearerAuth.user(caller).userId(), ctx.ip());
    }

    private static OAuthClientRecordId recordId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!OAuthClientRecordId.isValid(id)) {
            throw ApiException.notFound("OAuth client not found");
        }
        return new OAuthClientRecordId(id);
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
