package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * OAuth clients in the {@code oauth_clients} table; secrets are held only as their SHA-256 hashes.
 *
 * <p>{@link #update} is an optimistic compare-and-set on {@code version}: it writes only when the stored
 * version is the one before the new client's. Of two servers updating one client at once, the second one's
 * update waits for the first to commit, then finds the version moved on, matches no row and answers false.
 */
public final class JdbiOAuthClientRepository implements OAuthClientRepository {

    private static final OAuthClientMapper CLIENT = new OAuthClientMapper();
    private static final String SELECT_CLIENTS = """
            SELECT id, workspace_id, client_id, secret_hash, previous_secret_hash, previous_secret_expires_at, name,
                   scopes, projects, created_at, last_used_at, status, token_generation, version, updated_at
              FROM oauth_clients
            """;

    private final Jdbi jdbi;

    public JdbiOAuthClientRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(OAuthClient client) {
        Objects.requireNonNull(client, "client");
        jdbi.useHandle(handle -> bindChangeableFields(handle.createUpdate("""
                        INSERT INTO oauth_clients (id, workspace_id, client_id, secret_hash, previous_secret_hash,
                                                   previous_secret_expires_at, name, scopes, projects, created_at,
                                                   last_used_at, status, token_generation, version, updated_at)
                        VALUES (:id, :workspaceId, :clientId, :secretHash, :previousSecretHash,
                                :previousSecretExpiresAt, :name, :scopes, :projects, :createdAt,
                                :lastUsedAt, :status, :tokenGeneration, :version, :updatedAt)
                        """), client)
                .bind("workspaceId", client.workspaceId().value())
                .bind("clientId", client.clientId().value())
                .bind("createdAt", Sql.millis(client.createdAt()))
                .bind("lastUsedAt", Sql.millis(client.lastUsedAt()))
                .execute());
    }

    @Override
    public Optional<OAuthClient> findById(OAuthClientRecordId id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_CLIENTS + """
                         WHERE id = :id
                        """)
                .bind("id", id.value())
                .map(CLIENT)
                .findOne());
    }

    @Override
    public Optional<OAuthClient> findByClientId(ClientId clientId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_CLIENTS + """
                         WHERE client_id = :clientId
                        """)
                .bind("clientId", clientId.value())
                .map(CLIENT)
                .findOne());
    }

    @Override
    public List<OAuthClient> listByWorkspace(WorkspaceId workspace) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_CLIENTS + """
                         WHERE workspace_id = :workspaceId AND status <> :deleted
                         ORDER BY created_at, id
                        """)
                .bind("workspaceId", workspace.value())
                .bind("deleted", ClientStatus.DELETED.name())
                .map(CLIENT)
                .list());
    }

    /** Sets {@code last_used_at} alone: the client's version and change time stay as they are. */
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

    /**
     * Writes every field but the immutable ones and {@code last_used_at}, which {@link #markUsed} owns, if the
     * stored version is {@code next.version() - 1}.
     */
    @Override
    public boolean update(OAuthClient next) {
        Objects.requireNonNull(next, "next");
        return jdbi.withHandle(handle -> bindChangeableFields(handle.createUpdate("""
                        UPDATE oauth_clients
                           SET secret_hash = :secretHash,
                               previous_secret_hash = :previousSecretHash,
                               previous_secret_expires_at = :previousSecretExpiresAt,
                               name = :name,
                               scopes = :scopes,
                               projects = :projects,
                               status = :status,
                               token_generation = :tokenGeneration,
                               updated_at = :updatedAt,
                               version = :version
                         WHERE id = :id AND version = :version - 1
                        """), next)
                .execute()) == 1;
    }

    @Override
    public List<OAuthClient> changedSince(Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_CLIENTS + """
                         WHERE updated_at >= :since
                         ORDER BY updated_at, id
                        """)
                .bind("since", Sql.millis(since))
                .map(CLIENT)
                .list());
    }

    @Override
    public List<OAuthClient> refusingTokensChangedSince(Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_CLIENTS + """
                         WHERE updated_at >= :since
                           AND (status <> 'ACTIVE' OR token_generation > 0)
                         ORDER BY updated_at, id
                        """)
                .bind("since", Sql.millis(since))
                .map(CLIENT)
                .list());
    }

    /** Binds the id and the fields that {@link #update} may change. */
    private static Update bindChangeableFields(Update statement, OAuthClient client) {
        return statement
                .bind("id", client.id().value())
                .bind("secretHash", client.secretHash().hex())
                .bind("previousSecretHash", client.previousSecretHash().map(SecretHash::hex).orElse(null))
                .bind("previousSecretExpiresAt", Sql.millis(client.previousSecretExpiresAt()))
                .bind("name", client.name())
                .bind("scopes", client.allowedScopes().toParameter())
                .bind("projects", OAuthClientMapper.projectsColumn(client.projects()))
                .bind("status", client.status().name())
                .bind("tokenGeneration", client.tokenGeneration())
                .bind("version", client.version())
                .bind("updatedAt", Sql.millis(client.updatedAt()));
    }
}
