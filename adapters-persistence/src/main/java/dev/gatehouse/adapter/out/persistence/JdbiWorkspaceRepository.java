package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Workspaces and memberships in the {@code workspaces} and {@code memberships} tables. */
public final class JdbiWorkspaceRepository implements WorkspaceRepository {

    private static final WorkspaceMapper WORKSPACE = new WorkspaceMapper();
    private static final MembershipMapper MEMBERSHIP = new MembershipMapper();

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
