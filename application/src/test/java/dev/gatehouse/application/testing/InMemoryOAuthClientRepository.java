package dev.gatehouse.application.testing;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth clients in memory; record ids and {@code client_id}s are unique, deleted clients stay as tombstones, and
 * {@link #update} writes only over the version it expects.
 */
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
    public synchronized boolean update(OAuthClient next) {
        Objects.requireNonNull(next, "next");
        OAuthClient stored = byId.get(next.id());
        if (stored == null || stored.version() != next.version() - 1) {
            return false;
        }
        if (!stored.clientId().equals(next.clientId())) {
            if (byClientId.containsKey(next.clientId())) {
                throw new IllegalStateException("duplicate client_id " + next.clientId());
            }
            byClientId.remove(stored.clientId());
            byClientId.put(next.clientId(), next.id());
        }
        byId.put(next.id(), new OAuthClient(next.id(), next.workspaceId(), next.clientId(), next.secretHash(),
                next.previousSecretHash(), next.previousSecretExpiresAt(), next.name(), next.allowedScopes(), next.projects(),
                next.createdAt(), stored.lastUsedAt(), next.status(), next.tokenGeneration(), next.version(), next.updatedAt()));
        return true;
    }

    @Override
    public synchronized List<OAuthClient> changedSince(Instant since) {
        Objects.requireNonNull(since, "since");
        return byId.values().stream()
                .filter(c -> !c.updatedAt().isBefore(since))
                .sorted(Comparator.comparing(OAuthClient::updatedAt).thenComparing(c -> c.id().value()))
                .toList();
    }

    /**
     * Removes {@code project} from the restriction of every client of {@code workspace}, deleted ones included, as
     * deleting the project does; a client restricted to it alone stays restricted, to nothing. Version and change
     * time stay as they are.
     */
    synchronized void removeProject(WorkspaceId workspace, ProjectId project) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(project, "project");
        byId.replaceAll((id, c) -> {
            if (!c.workspaceId().equals(workspace) || !c.projects().isRestricted() || !c.projects().permits(project)) {
                return c;
            }
            List<ProjectId> remaining = c.projects().restrictedTo().orElseThrow().stream()
                    .filter(p -> !p.equals(project))
                    .toList();
            return new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), c.previousSecretHash(),
                    c.previousSecretExpiresAt(), c.name(), c.allowedScopes(), ProjectAccess.only(remaining), c.createdAt(),
                    c.lastUsedAt(), c.status(), c.tokenGeneration(), c.version(), c.updatedAt());
        });
    }

    @Override
    public synchronized void markUsed(OAuthClientRecordId id, Instant when) {
        Objects.requireNonNull(when, "when");
        byId.computeIfPresent(id, (k, client) -> client.usedAt(when));
    }
}
