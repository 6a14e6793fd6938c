package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Workspaces and memberships in the {@code workspaces} and {@code memberships} tables. A membership's
 * {@code join_seq}, from an identity column, orders the members by when they joined.
 *
 * <p>{@link #transferOwnership} first locks the workspace's row ({@code SELECT … FOR UPDATE}), so that
 * transfers of one workspace run one after the other: the second one then reads the roles the first one
 * left, and fails if its {@code from} is no longer the owner. Its updates also check what they change,
 * against a membership removed or changed meanwhile by a call that takes no such lock.
 */
public final class JdbiWorkspaceRepository implements WorkspaceRepository {

    private static final WorkspaceMapper WORKSPACE = new WorkspaceMapper();
    private static final MembershipMapper MEMBERSHIP = new MembershipMapper();
    private static final MemberMapper MEMBER = new MemberMapper();

    private final Jdbi jdbi;

    public JdbiWorkspaceRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(Workspace workspace) {
        jdbi.useHandle(handle -> insert(handle, workspace));
    }

    @Override
    public Optional<Workspace> findById(WorkspaceId id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, orgname, name, email, created_at
                          FROM workspaces
                         WHERE id = :id
                        """)
                .bind("id", id.value())
                .map(WORKSPACE)
                .findOne());
    }

    @Override
    public void putMembership(Membership membership) {
        jdbi.useTransaction(handle -> {
            int updated = handle.createUpdate("""
                            UPDATE memberships
                               SET role = :role
                             WHERE workspace_id = :workspaceId AND user_id = :userId
                            """)
                    .bind("role", membership.role().wireName())
                    .bind("workspaceId", membership.workspaceId().value())
                    .bind("userId", membership.userId().value())
                    .execute();
            if (updated == 0) {
                insertMembership(handle, membership);
            }
        });
    }

    @Override
    public Optional<Membership> findMembership(WorkspaceId workspace, UserId user) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT workspace_id, user_id, role
                          FROM memberships
                         WHERE workspace_id = :workspaceId AND user_id = :userId
                        """)
                .bind("workspaceId", workspace.value())
                .bind("userId", user.value())
                .map(MEMBERSHIP)
                .findOne());
    }

    @Override
    public List<Workspace> findWorkspacesOf(UserId user) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT w.id, w.orgname, w.name, w.email, w.created_at
                          FROM workspaces w
                          JOIN memberships m ON m.workspace_id = w.id
                         WHERE m.user_id = :userId
                         ORDER BY w.created_at, w.id
                        """)
                .bind("userId", user.value())
                .map(WORKSPACE)
                .list());
    }

    @Override
    public List<Member> members(WorkspaceId workspace) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT u.id, u.email, u.username, u.password_hash, u.created_at, m.role
                          FROM memberships m
                          JOIN users u ON u.id = m.user_id
                         WHERE m.workspace_id = :workspaceId
                         ORDER BY m.join_seq
                        """)
                .bind("workspaceId", workspace.value())
                .map(MEMBER)
                .list());
    }

    @Override
    public boolean removeMembership(WorkspaceId workspace, UserId user) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM memberships
                         WHERE workspace_id = :workspaceId AND user_id = :userId AND role <> :owner
                        """)
                .bind("workspaceId", workspace.value())
                .bind("userId", user.value())
                .bind("owner", Role.OWNER.wireName())
                .execute()) == 1;
    }

    @Override
    public boolean changeRoleUnlessOwner(WorkspaceId workspace, UserId user, Role role) {
        if (role == Role.OWNER) {
            throw new IllegalArgumentException("ownership moves only by a transfer");
        }
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE memberships
                           SET role = :role
                         WHERE workspace_id = :workspaceId AND user_id = :userId AND role <> :owner
                        """)
                .bind("role", role.wireName())
                .bind("workspaceId", workspace.value())
                .bind("userId", user.value())
                .bind("owner", Role.OWNER.wireName())
                .execute()) == 1;
    }

    @Override
    public void transferOwnership(WorkspaceId workspace, UserId from, UserId to) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalStateException(from + " cannot transfer ownership to themselves");
        }
        jdbi.useTransaction(handle -> {
            boolean exists = handle.createQuery("SELECT id FROM workspaces WHERE id = :id FOR UPDATE")
                    .bind("id", workspace.value())
                    .mapTo(String.class)
                    .findOne()
                    .isPresent();
            if (!exists) {
                throw new IllegalStateException("workspace " + workspace + " does not exist");
            }
            Optional<Role> toRole = role(handle, workspace, to);
            if (role(handle, workspace, from).filter(Role.OWNER::equals).isEmpty()) {
                throw new IllegalStateException(from + " is not the owner of " + workspace);
            }
            if (toRole.isEmpty()) {
                throw new IllegalStateException(to + " is not a member of " + workspace);
            }
            // Both updates check their row, and an exception rolls the transaction back.
            if (setRole(handle, workspace, from, Role.OWNER, Role.ADMIN) != 1
                    || setRole(handle, workspace, to, toRole.get(), Role.OWNER) != 1) {
                throw new IllegalStateException("the memberships of " + workspace + " changed during the transfer");
            }
        });
    }

    /** Stores the user, their key and their membership together: if one fails (a taken email), none is stored. */
    @Override
    public void addMemberWithNewUser(User user, ApiKey apiKey, Membership membership) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(membership, "membership");
        if (!apiKey.userId().equals(user.id()) || !membership.userId().equals(user.id())) {
            throw new IllegalArgumentException("the API key and the membership must be the new user's");
        }
        jdbi.useTransaction(handle -> {
            JdbiUserRepository.insert(handle, user);
            JdbiApiKeyRepository.insert(handle, apiKey);
            insertMembership(handle, membership);
        });
    }

    private static Optional<Role> role(Handle handle, WorkspaceId workspace, UserId user) {
        return handle.createQuery("""
                        SELECT role
                          FROM memberships
                         WHERE workspace_id = :workspaceId AND user_id = :userId
                        """)
                .bind("workspaceId", workspace.value())
                .bind("userId", user.value())
                .mapTo(String.class)
                .findOne()
                .map(Role::fromWireName);
    }

    private static int setRole(Handle handle, WorkspaceId workspace, UserId user, Role expected, Role next) {
        return handle.createUpdate("""
                        UPDATE memberships
                           SET role = :next
                         WHERE workspace_id = :workspaceId AND user_id = :userId AND role = :expected
                        """)
                .bind("next", next.wireName())
                .bind("workspaceId", workspace.value())
                .bind("userId", user.value())
                .bind("expected", expected.wireName())
                .execute();
    }

    static void insert(Handle handle, Workspace workspace) {
        handle.createUpdate("""
                        INSERT INTO workspaces (id, orgname, name, email, created_at)
                        VALUES (:id, :orgname, :name, :email, :createdAt)
                        """)
                .bind("id", workspace.id().value())
                .bind("orgname", workspace.orgname())
                .bind("name", workspace.name())
                .bind("email", workspace.email())
                .bind("createdAt", Sql.millis(workspace.createdAt()))
                .execute();
    }

    static void insertMembership(Handle handle, Membership membership) {
        handle.createUpdate("""
                        INSERT INTO memberships (workspace_id, user_id, role)
                        VALUES (:workspaceId, :userId, :role)
                        """)
                .bind("workspaceId", membership.workspaceId().value())
                .bind("userId", membership.userId().value())
                .bind("role", membership.role().wireName())
                .execute();
    }
}
