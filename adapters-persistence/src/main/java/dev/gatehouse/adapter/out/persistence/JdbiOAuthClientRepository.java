package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** OAuth clients in the {@code oauth_clients} table; the secret is held only as its SHA-256 hash. */
public final class JdbiOAuthClientRepository implements OAuthClientRepository {

    private static final OAuthClientMapper CLIENT = new OAuthClientMapper();

    private final Jdbi jdbi;

    public JdbiOAuthClientRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(OAuthClient client) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO oauth_clients (id, workspace_id, client_id, secret_hash, name, scopes, projects,
                                                   created_at, last_used_at, status)
                        VALUES (:id, :workspaceId, :clientId, :secretHash, :name, :scopes, :projects,
                                :createdAt, :lastUsedAt, :status)
                        """)
                .bind("id", client.id().value())
                .bind("workspaceId", client.workspaceId().value())
                .bind("clientId", client.clientId().value())
                .bind("secretHash", client.secretHash().hex())
                .bind("name", client.name())
                .bind("scopes", client.allowedScopes().toParameter())
                .bind("projects", OAuthClientMapper.projectsColumn(client.projects()))
                .bind("createdAt", Sql.millis(client.createdAt()))
                .bind("lastUsedAt", Sql.millis(client.lastUsedAt()))
                .bind("status", client.status().name())
                .execute());
    }

    @Override
    public Optional<OAuthClient> findById(OAuthClientRecordId id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, workspace_id, client_id, secret_hash, name, scopes, projects,
                               created_at, last_used_at, status
                          FROM oauth_clients
                         WHERE id = :id
                        """)
                .bind("id", id.value())
                .map(CLIENT)
                .findOne());
    }

    @Override
    public Optional<OAuthClient> findByClientId(ClientId clientId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, workspace_id, client_id, secret_hash, name, scopes, projects,
                               created_at, last_used_at, status
                          FROM oauth_clients
                         WHERE client_id = :clientId
                        """)
                .bind("clientId", clientId.value())
                .map(CLIENT)
                .findOne());
    }

    @Override
    public List<OAuthClient> listByWorkspace(WorkspaceId workspace) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, workspace_id, client_id, secret_hash, name, scopes, projects,
                               created_at, last_used_at, status
                          FROM oauth_clients
                         WHERE workspace_id = :workspaceId AND status <> :deleted
                         ORDER BY created_at, id
                        """)
                .bind("workspaceId", workspace.value())
                .bind("deleted", ClientStatus.DELETED.name())
                .map(CLIENT)
                .list());
    }

    @Override
    public void markUsed(OAuthClientRecordId id, Instant when) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE oauth_clients
                           SET last_used_at = :when
                         WHERE id = :id
                        """)
                .bind("when", Sql.millis(when))
                .bind("id", id.value())
                .execute());
    }
}
