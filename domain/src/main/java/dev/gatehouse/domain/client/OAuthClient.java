package dev.gatehouse.domain.client;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.PlainCredential;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.Text;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An OAuth client of a workspace: it exchanges its {@code client_id} and secret for access tokens
 * carrying at most its allowed scopes and projects. Only the SHA-256 hash of the secret is held.
 */
public record OAuthClient(
        OAuthClientRecordId id,
        WorkspaceId workspaceId,
        ClientId clientId,
        SecretHash secretHash,
        String name,
        ScopeSet allowedScopes,
        ProjectAccess projects,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        ClientStatus status) {

    public static final int MAX_NAME_LENGTH = 200;

    public OAuthClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secretHash, "secretHash");
        name = Text.requireName(name, "name", MAX_NAME_LENGTH);
        Objects.requireNonNull(allowedScopes, "allowedScopes");
        if (allowedScopes.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one scope");
        }
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(status, "status");
    }

    /** A newly registered client together with its secret, which is shown this once. */
    public record Registration(OAuthClient client, PlainCredential secret) {}

    /** Registers a new active client with a fresh {@code client_id} and secret. */
    public static Registration register(
            WorkspaceId workspaceId, String name, ScopeSet allowedScopes, ProjectAccess projects,
            Instant now, RandomGenerator random) {
        PlainCredential secret = new PlainCredential(CredentialKind.CLIENT_SECRET, CredentialKind.CLIENT_SECRET.generate(random));
        OAuthClient client = new OAuthClient(
                OAuthClientRecordId.generate(random), workspaceId,
                new ClientId(CredentialKind.CLIENT_ID.generate(random)), secret.hash(),
                name, allowedScopes, projects, now, Optional.empty(), ClientStatus.ACTIVE);
        return new Registration(client, secret);
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    /** Whether {@code presentedSecret} is this client's secret; constant-time. */
    public boolean secretMatches(String presentedSecret) {
        return secretHash.matches(presentedSecret);
    }

    public OAuthClient usedAt(Instant when) {
        return new OAuthClient(id, workspaceId, clientId, secretHash, name, allowedScopes, projects, createdAt,
                Optional.of(when), status);
    }
}
