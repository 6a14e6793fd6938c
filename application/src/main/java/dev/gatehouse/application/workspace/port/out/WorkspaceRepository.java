package dev.gatehouse.application.workspace.port.out;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
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

    /** The workspace's members with their roles, in the order they joined. */
    List<Member> members(WorkspaceId workspace);

    /**
     * Removes the user from the workspace in one conditional write, unless they are its owner (the owner
     * leaves only after a transfer); false when nothing was removed.
     */
    boolean removeMembership(WorkspaceId workspace, UserId user);

    /**
     * Gives a member a new role (admin or member) in one conditional write, unless they are the owner; false
     * when nothing changed because they are not a member or are the owner. A concurrent transfer of ownership
     * therefore cannot be undone by a role change that checked the role before the transfer.
     *
     * @throws IllegalArgumentException for {@link Role#OWNER}: ownership moves only by {@link #transferOwnership}
     */
    boolean changeRoleUnlessOwner(WorkspaceId workspace, UserId user, Role role);

    /**
     * In one transaction, makes {@code to} the owner and {@code from} an admin.
     *
     * @throws IllegalStateException, changing nothing, unless {@code from} is the owner and {@code to} a member
     */
    void transferOwnership(WorkspaceId workspace, UserId from, UserId to);

    /** In one transaction, stores a new user, their first API key and their membership. */
    void addMemberWithNewUser(User user, ApiKey apiKey, Membership membership);

    /** A member of a workspace and their role there. */
    record Member(User user, Role role) {
        public Member {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(role, "role");
        }
    }
}
