package dev.gatehouse.application.workspace.port.out;

import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Stores workspaces and their memberships. */
public interface WorkspaceRepository {

    void add(Workspace workspace);

    Optional<Workspace> findById(WorkspaceId id);

    /** Adds or replaces the user's membership of the workspace. */
    void putMembership(Membership membership);

    Optional<Membership> findMembership(WorkspaceId workspace, UserId user);

    /** The workspaces the user belongs to, oldest first. */
    List<Workspace> findWorkspacesOf(UserId user);
}
