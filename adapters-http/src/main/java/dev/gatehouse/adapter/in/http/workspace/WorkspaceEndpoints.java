package dev.gatehouse.adapter.in.http.workspace;

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
import java.util.concurrent.atomic.AtomicReferenceArray;

/** {@code GET /v1/workspaces/{org_id}} and {@code GET /v1/users/me}, in Pipedream's shapes (contract §5). */
public final class WorkspaceEndpoints {

    public static final String WORKSPACE = "/v1/workspaces/{org_id}";
    public static final String ME = "/v1/users/me";
    private static final int RENDERED_SLOTS = 256;

    private final GetWorkspaceUseCase workspaces;
    private final GetCurrentUserUseCase currentUser;
    /**
     * The body of {@code GET /v1/workspaces/{id}} last sent for each of a few workspace objects, found by identity: the
     * use case hands back the same (immutable) object for as long as it keeps what it read, and a workspace read
     * again is a new object, so a body is never sent for anything but the object it was rendered from. A lookup
     * is two reads; hashing or comparing the record's fields cost more than rendering it again.
     */
    private final AtomicReferenceArray<Rendered> rendered = new AtomicReferenceArray<>(RENDERED_SLOTS);

    public WorkspaceEndpoints(GetWorkspaceUseCase workspaces, GetCurrentUserUseCase currentUser) {
        this.workspaces = workspaces;
        this.currentUser = currentUser;
    }

    public void workspace(Context ctx, Principal caller) {
        Workspace workspace = workspaces.get(caller, WorkspaceIds.fromPath(ctx));
        int slot = System.identityHashCode(workspace) & (RENDERED_SLOTS - 1);
        Rendered last = rendered.get(slot);
        if (last == null || last.workspace() != workspace) {
            last = new Rendered(workspace, Json.render(Map.of("data", org(workspace))));
            rendered.set(slot, last);
        }
        Json.respondRendered(ctx, 200, last.body());
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

    private record Rendered(Workspace workspace, byte[] body) {
    }
}
