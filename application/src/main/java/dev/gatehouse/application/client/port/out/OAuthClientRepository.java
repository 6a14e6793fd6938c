package dev.gatehouse.application.client.port.out;

import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores OAuth clients. Deleted clients stay as tombstones; {@link #listByWorkspace} leaves them out. */
public interface OAuthClientRepository {

    /** Inserts a new client. */
    void add(OAuthClient client);

    Optional<OAuthClient> findById(OAuthClientRecordId id);

    Optional<OAuthClient> findByClientId(ClientId clientId);

    /** The workspace's clients that are not deleted, oldest first. */
    List<OAuthClient> listByWorkspace(WorkspaceId workspace);

    /** Records that the client got a token at {@code when}; changes neither {@code version} nor {@code updatedAt}. */
    void markUsed(OAuthClientRecordId id, Instant when);

    /**
     * Stores a changed client if nobody changed it meanwhile: the stored version must be
     * {@code next.version() - 1}. Every field but {@code lastUsedAt} is written. Returns false, writing
     * nothing, when the stored version differs (the caller reloads and tries again).
     */
    boolean update(OAuthClient next);

    /** The clients changed (updatedAt) at or after {@code since}, deleted ones included, for syncing servers. */
    List<OAuthClient> changedSince(Instant since);

    /**
     * The clients changed at or after {@code since} that refuse some of the tokens they issued: deleted or
     * disabled ones, and those whose tokens were revoked by a rotation (token generation above 0). A store
     * should answer from its index rather than read every recent client.
     */
    default List<OAuthClient> refusingTokensChangedSince(Instant since) {
        return changedSince(since).stream().filter(c -> !c.isActive() || c.tokenGeneration() > 0).toList();
    }
}
