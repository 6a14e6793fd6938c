package dev.gatehouse.domain.workspace;

import java.util.Objects;

/** A user's membership of a workspace, with the role they hold there. */
public record Membership(WorkspaceId workspaceId, UserId userId, Role role) {
    public Membership {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
