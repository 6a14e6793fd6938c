package dev.gatehouse.adapter.in.http.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.adapter.in.http.common.SessionCredential;
import dev.gatehouse.adapter.in.http.workspace.WorkspaceIds;
import dev.gatehouse.application.auth.port.in.AuthenticateBearerUseCase;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.SourceUseCases;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Event sources, their events and their SSE streams, and the workspace audit stream (contract §8). */
public final class SourceEndpoints {

    public static final String COLLECTION = "/v1/sources";
    public static final String ITEM = "/v1/sources/{id}";
    public static final String EVENTS = "/v1/sources/{id}/events";
    public static final String SSE = "/v1/sources/{id}/sse";
    public static final String SSE_UNVERSIONED = "/sources/{id}/sse";
    public static final String AUDIT_SSE = "/v1/workspaces/{org_id}/audit/sse";
    public static final int MAX_EVENT_BYTES = 64 * 1024;

    private final SourceUseCases.CreateSourceUseCase create;
    private final SourceUseCases.GetSourceUseCase get;
    private final SourceUseCases.DeleteSourceUseCase delete;
    private final SourceUseCases.EmitEventUseCase emit;
    private final SourceUseCases.SubscribeToSourceUseCase subscribe;
    private final SourceUseCases.SubscribeToAuditUseCase audit;
    private final AuthenticateBearerUseCase authenticate;
    private final SseWriter sse;

    public SourceEndpoints(SourceUseCases.CreateSourceUseCase create, SourceUseCases.GetSourceUseCase get,
                           SourceUseCases.DeleteSourceUseCase delete, SourceUseCases.EmitEventUseCase emit,
                           SourceUseCases.SubscribeToSourceUseCase subscribe, SourceUseCases.SubscribeToAuditUseCase audit,
                           AuthenticateBearerUseCase authenticate, SseWriter sse) {
        this.create = create;
        this.get = get;
        this.delete = delete;
        this.emit = emit;
        this.subscribe = subscribe;
        this.audit = audit;
        this.authenticate = authenticate;
        this.sse = sse;
    }

    public void create(Context ctx, Principal caller) {
        ObjectNode body = Json.readObject(ctx);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiException.badRequest("name is required and must be a non-empty string");
        }
        JsonNode org = body.get("org_id");
        Optional<WorkspaceId> workspace = Optional.empty();
        if (org != null && !org.isNull()) {
            if (!org.isTextual() || !WorkspaceId.isValid(org.asText())) {
                throw ApiException.badRequest("org_id must be a workspace id of the form o_<base62>");
            }
            workspace = Optional.of(new WorkspaceId(org.asText()));
        }
        EventSource source = create.create(new SourceUseCases.CreateSourceCommand(
                BearerAuth.user(caller).userId(), workspace, name.asText()));
        Json.respond(ctx, 201, Map.of("data", render(source)));
    }

    public void get(Context ctx, Principal caller) {
        Json.respond(ctx, 200, Map.of("data", render(get.get(caller, sourceId(ctx)))));
    }

    public void delete(Context ctx, Principal caller) {
        delete.delete(caller, sourceId(ctx));
        ctx.status(204);
    }

    public void emit(Context ctx, Principal caller) {
        SourceId id = sourceId(ctx);
        if (ctx.bodyAsBytes().length > MAX_EVENT_BYTES) {
            throw new ApiException(413, "an event is at most 64 KiB of JSON", Map.of());
        }
        ObjectNode payload = Json.readObject(ctx);
        String compact;
        try {
            compact = Json.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        SourceEvent event = emit.emit(caller, id, compact);
        Json.respond(ctx, 202, Map.of("data", Map.of("id", event.id())));
    }

    public CompletableFuture<Void> stream(Context ctx, Principal caller) {
        EventStream events = subscribe.subscribe(caller, sourceId(ctx), lastEventId(ctx));
        return streamTo(ctx, caller, events);
    }

    public CompletableFuture<Void> auditStream(Context ctx, Principal caller) {
        EventStream events = audit.subscribe(caller, WorkspaceIds.fromPath(ctx), lastEventId(ctx));
        return streamTo(ctx, caller, events);
    }

    private CompletableFuture<Void> streamTo(Context ctx, Principal caller, EventStream events) {
        Optional<Instant> expiry = caller instanceof Principal.WorkspaceClient client
                ? Optional.of(client.expiresAt())
                : Optional.empty();
        BooleanSupplier session = ctx.attribute(SessionCredential.STILL_LIVE);
        return sse.stream(ctx, events, () -> authenticate.isStillValid(caller) && (session == null || session.getAsBoolean()), expiry);
    }

    private static Optional<String> lastEventId(Context ctx) {
        return Optional.ofNullable(ctx.header("Last-Event-ID")).filter(s -> !s.isBlank());
    }

    private static SourceId sourceId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!SourceId.isValid(id)) {
            throw ApiException.notFound("source not found");
        }
        return new SourceId(id);
    }

    private static Map<String, Object> render(EventSource source) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", source.id().value());
        out.put("name", source.name());
        out.put("org_id", source.workspaceId().value());
        out.put("created_at", Json.timestamp(source.createdAt()));
        return out;
    }
}
