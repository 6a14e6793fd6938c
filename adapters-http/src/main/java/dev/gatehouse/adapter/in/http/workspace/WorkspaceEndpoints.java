package dev.gatehouse.adapter.in.http.workspace;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.workspace.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.workspace.port.in.GetWorkspaceUseCase;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Workspace;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/workspaces/{org_id}} and {@code GET /v1/users/me}, in Pipedream's shapes (contract §5). */
public final class WorkspaceEndpoints {

    public static final String WORKSPACE = "/v1/workspaces/{org_id}";
    public static final String ME = "/v1/users/me";

    private final GetWorkspaceUseCase workspaces;
    private final GetCurrentUserUseCase currentUser;
    /**
     * The body of {@code GET /v1/workspaces/{id}} for each workspace lately sent, keyed by the whole workspace (every
     * field), so that a workspace that changed is a new key and never gets an old body.
     */
    private final Cache<Workspace, byte[]> rendered = CacheBuilder.newBuilder().maximumSize(1_000).build();

    public WorkspaceEndpoints(GetWorkspaceUseCase workspaces, GetCurrentUserUseCase currentUser) {
        this.workspaces = workspaces;
        this.currentUser = currentUser;
    }

    public void workspace(Context ctx, Principal caller) {
        Workspace workspace = workspaces.get(caller, WorkspaceIds.fromPath(ctx));
        byte[] body = rendered.getIfPresent(workspace);
        if (body == null) {
            body = Json.render(Map.of("data", org(workspace)));
            rendered.put(workspace, body);
        }
        Json.respondRendered(ctx, 200, body);
    }

    public void me(Context ctx, Principal caller) {
        Principal.User user = BearerAuth.user(caller);
        GetCurrentUserUseCase.CurrentUser me = currentUser.get(user.userId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", me.user().id().value());
        data.put("username", me.user().username());
        data.put("email", me.user().email());
        List<Map<String, Object>> orgs = me.workspaces().stream().map(WorkspaceEndpoints::org).toList();
        data.put("orgs", orgs);
        Json.respond(ctx, 200, Map.of("data", data));
    }

    private static Map<String, Object> org(Workspace workspace) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", workspace.id().value());
        out.put("orgname", workspace.orgname());
        out.put("name", workspace.name());
        out.put("email", workspace.email());
        return out;
    }
}
