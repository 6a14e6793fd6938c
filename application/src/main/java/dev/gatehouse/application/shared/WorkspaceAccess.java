package dev.gatehouse.application.shared;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;

/** The membership checks of the admin API: outsiders get "not found", members who are not admins get "forbidden". */
public final class WorkspaceAccess {

    private final WorkspaceRepository workspaces;

    public WorkspaceAccess(WorkspaceRepository workspaces) {
        this.workspaces = workspaces;
    }

    public Membership requireMember(UserId user, WorkspaceId workspace) {
        return workspaces.findMembership(workspace, user)
                .orElseThrow(() -> new NotFoundException("workspace " + workspace + " not found"));
    }

    public Membership requireAdmin(UserId user, WorkspaceId workspace) {
        Membership membership = requireMember(user, workspace);
        if (!membership.role().administers()) {
            throw new ForbiddenException("only the workspace's owner or an admin may do this");
        }
        return membership;
    }
}
