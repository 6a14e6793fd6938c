package dev.gatehouse.application.testing;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** OAuth clients in memory; record ids and {@code client_id}s are unique, deleted clients stay as tombstones. */
public final class InMemoryOAuthClientRepository implements OAuthClientRepository {

    private final Map<OAuthClientRecordId, OAuthClient> byId = new HashMap<>();
    private final Map<ClientId, OAuthClientRecordId> byClientId = new HashMap<>();

    @Override
    public synchronized void add(OAuthClient client) {
        Objects.requireNonNull(client, "client");
        if (byId.containsKey(client.id())) {
            throw new IllegalStateException("duplicate OAuth client id " + client.id());
        }
        if (byClientId.containsKey(client.clientId())) {
            throw new IllegalStateException("duplicate client_id " + client.clientId());
        }
        byId.put(client.id(), client);
        byClientId.put(client.clientId(), client.id());
    }

    @Override
    public synchronized Optional<OAuthClient> findById(OAuthClientRecordId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<OAuthClient> findByClientId(ClientId clientId) {
        return Optional.ofNullable(byClientId.get(clientId)).map(byId::get);
    }

    @Override
    public synchronized List<OAuthClient> listByWorkspace(WorkspaceId workspace) {
        return byId.values().stream()
                .filter(c -> c.workspaceId().equals(workspace) && c.status() != ClientStatus.DELETED)
                .sorted(Comparator.comparing(OAuthClient::createdAt).thenComparing(c -> c.id().value()))
                .toList();
    }

    @Override
    public synchronized void markUsed(OAuthClientRecordId id, Instant when) {
        Objects.requireNonNull(when, "when");
        byId.computeIfPresent(id, (k, client) -> client.usedAt(when));
    }
}
