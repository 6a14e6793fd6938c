package dev.gatehouse.adapter.in.http.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.application.workspace.port.in.MemberUseCases;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.UserId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/workspaces/{org_id}/members}: an admin's view of the workspace's members (contract §6). */
public final class MemberEndpoints {

    public static final String COLLECTION = "/v1/workspaces/{org_id}/members";
    public static final String ITEM = COLLECTION + "/{user_id}";

    private final MemberUseCases.ListMembersUseCase list;
    private final MemberUseCases.AddMemberUseCase add;
    private final MemberUseCases.ChangeMemberRoleUseCase change;
    private final MemberUseCases.RemoveMemberUseCase remove;

    public MemberEndpoints(MemberUseCases.ListMembersUseCase list, MemberUseCases.AddMemberUseCase add,
                           MemberUseCases.ChangeMemberRoleUseCase change, MemberUseCases.RemoveMemberUseCase remove) {
        this.list = list;
        this.add = add;
        this.change = change;
        this.remove = remove;
    }

    public void list(Context ctx, Principal caller) {
        List<Map<String, Object>> data = list.list(actor(ctx, caller), WorkspaceIds.fromPath(ctx)).stream()
                .map(MemberEndpoints::render).toList();
        Json.respond(ctx, 200, Map.of("data", data));
    }

    public void add(Context ctx, Principal caller) {
        ObjectNode body = Json.readObject(ctx);
        JsonNode email = body.get("email");
        if (email == null || !email.isTextual()) {
            throw ApiException.badRequest("email is required");
        }
        MemberUseCases.AddedMember added = add.add(actor(ctx, caller), WorkspaceIds.fromPath(ctx), email.asText(), role(body));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", added.member().user().id().value());
        data.put("email", added.member().user().email());
        data.put("username", added.member().user().username());
        data.put("role", added.member().role().wireName());
        added.apiKey().ifPresent(key -> data.put("api_key", key.value()));
        added.password().ifPresent(password -> data.put("password", password));
        if (added.apiKey().isPresent()) {
            ctx.header("Cache-Control", "no-store");
        }
        Json.respond(ctx, 201, Map.of("data", data));
    }

    public void change(Context ctx, Principal caller) {
        Member member = change.changeRole(actor(ctx, caller), WorkspaceIds.fromPath(ctx), userId(ctx), role(Json.readObject(ctx)));
        Json.respond(ctx, 200, Map.of("data", render(member)));
    }

    public void remove(Context ctx, Principal caller) {
        remove.remove(actor(ctx, caller), WorkspaceIds.fromPath(ctx), userId(ctx));
        ctx.status(204);
    }

    private static Role role(ObjectNode body) {
        JsonNode role = body.get("role");
        if (role == null || !role.isTextual()) {
            throw ApiException.badRequest("role is required: owner, admin or member");
        }
        try {
            return Role.fromWireName(role.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static UserId userId(Context ctx) {
        String id = ctx.pathParam("user_id");
        if (!UserId.isValid(id)) {
            throw ApiException.notFound("member not found");
        }
        return new UserId(id);
    }

    private static Actor actor(Context ctx, Principal caller) {
        return new Actor(BearerAuth.user(caller).userId(), ctx.ip());
    }

    private static Map<String, Object> render(Member member) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", member.user().id().value());
        out.put("email", member.user().email());
        out.put("username", member.user().username());
        out.put("role", member.role().wireName());
        return out;
    }
}
