package dev.gatehouse.adapter.in.http.workspace;

import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.domain.workspace.WorkspaceId;
import io.javalin.http.Context;

/** Reads the {@code {org_id}} path parameter; a malformed one names no workspace, so it is a 404. */
public final class WorkspaceIds {

    private WorkspaceIds() {}

    public static WorkspaceId fromPath(Context ctx) {
        String value = ctx.pathParam("org_id");
        if (!WorkspaceId.isValid(value)) {
            throw ApiException.notFound("workspace not found");
        }
        return new WorkspaceId(value);
    }
}
