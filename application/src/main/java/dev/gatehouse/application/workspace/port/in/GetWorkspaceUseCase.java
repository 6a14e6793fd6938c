package dev.gatehouse.application.workspace.port.in;

import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;

/** A member, or a client of the workspace holding {@code workspace:read}, reads the workspace. */
public interface GetWorkspaceUseCase {
    Workspace get(Principal caller, WorkspaceId id);
}
