package dev.gatehouse.domain.client;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.PlainCredential;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.Text;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An OAuth client of a workspace: it exchanges its {@code client_id} and secret for access tokens carrying
 * at most its allowed scopes and projects. Only SHA-256 hashes of secrets are held: the current one and,
 * during a rotation's grace period, the previous one.
 *
 * <p>{@code tokenGeneration} is written into every token the client gets; rotating with
 * {@code revoke_tokens} moves it on, which kills every token issued before. {@code version} counts the
 * changes, for optimistic concurrency; {@code updatedAt} tells other servers what changed.
 */
public record OAuthClient(
        OAuthClientRecordId id,
        WorkspaceId workspaceId,
        ClientId clientId,
        SecretHash secretHash,
        Optional<SecretHash> previousSecretHash,
        Optional<Instant> previousSecretExpiresAt,
        String name,
        ScopeSet allowedScopes,
        ProjectAccess projects,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        ClientStatus status,
        int tokenGeneration,
        long version,
        Instant updatedAt) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);
    private static final SecretHash NO_PREVIOUS = SecretHash.of("no previous secret");

    public OAuthClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(previousSecretHash, "previousSecretHash");
        Objects.requireNonNull(previousSecretExpiresAt, "previousSecretExpiresAt");
        if (previousSecretHash.isPresent() != previousSecretExpiresAt.isPresent()) {
            throw new IllegalArgumentException("a previous secret needs its expiry, and only then");
        }
        name = Text.requireName(name, "name", MAX_NAME_LENGTH);
        Objects.requireNonNull(allowedScopes, "allowedScopes");
        if (allowedScopes.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one scope");
        }
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (tokenGeneration < 0 || version < 0) {
            throw new IllegalArgumentException("generation and version start at 0");
        }
    }

    /** A client that was never rotated or changed: the shape of one just registered. */
    public OAuthClient(OAuthClientRecordId id, WorkspaceId workspaceId, ClientId clientId, SecretHash secretHash, String name,
                       ScopeSet allowedScopes, ProjectAccess projects, Instant createdAt, Optional<Instant> lastUsedAt,
                       ClientStatus status) {
        this(id, workspaceId, clientId, secretHash, Optional.empty(), Optional.empty(), name, allowedScopes, projects, createdAt,
                lastUsedAt, status, 0, 0, createdAt);
    }

    /** A newly registered client together with its secret, which is shown this once. */
    public record Registration(OAuthClient client, PlainCredential secret) {}

    /** Registers a new active client with a fresh {@code client_id} and secret. */
    public static Registration register(
            WorkspaceId workspaceId, String name, ScopeSet allowedScopes, ProjectAccess projects,
            Instant now, RandomGenerator random) {
        PlainCredential secret = newSecret(random);
        OAuthClient client = new OAuthClient(
                OAuthClientRecordId.generate(random), workspaceId,
                new ClientId(CredentialKind.CLIENT_ID.generate(random)), secret.hash(),
                name, allowedScopes, projects, now, Optional.empty(), ClientStatus.ACTIVE);
        return new Registration(client, secret);
    }

    private static PlainCredential newSecret(RandomGenerator random) {
        return new PlainCredential(CredentialKind.CLIENT_SECRET, CredentialKind.CLIENT_SECRET.generate(random));
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    /**
     * Whether {@code presentedSecret} is this client's secret, or its previous one still in grace at
     * {@code now}. Both hashes are compared every time, in constant time.
     */
    public boolean secretMatches(String presentedSecret, Instant now) {
        boolean current = secretHash.matches(presentedSecret);
        boolean inGrace = previousSecretExpiresAt.map(now::isBefore).orElse(false);
        boolean previous = previousSecretHash.orElse(NO_PREVIOUS).matches(presentedSecret);
        return current || (inGrace && previous);
    }

    /** Whether a token carrying {@code generation} was issued after the last {@code revoke_tokens}. */
    public boolean acceptsTokenGeneration(int generation) {
        return generation == tokenGeneration;
    }

    public OAuthClient usedAt(Instant when) {
        return new OAuthClient(id, workspaceId, clientId, secretHash, previousSecretHash, previousSecretExpiresAt, name,
                allowedScopes, projects, createdAt, Optional.of(when), status, tokenGeneration, version, updatedAt);
    }

    /** A new secret replaces the current one, which stays valid for {@code grace} (none when zero). */
    public Registration rotated(Duration grace, boolean revokeTokens, Instant now, RandomGenerator random) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw new IllegalArgumentException("grace_period_seconds must be between 0 and " + MAX_GRACE_PERIOD.toSeconds());
        }
        PlainCredential secret = newSecret(random);
        boolean keepPrevious = !grace.isZero();
        OAuthClient next = new OAuthClient(id, workspaceId, clientId, secret.hash(),
                keepPrevious ? Optional.of(secretHash) : Optional.empty(),
                keepPrevious ? Optional.of(now.plus(grace)) : Optional.empty(),
                name, allowedScopes, projects, createdAt, lastUsedAt, status,
                revokeTokens ? tokenGeneration + 1 : tokenGeneration, version + 1, now);
        return new Registration(next, secret);
    }

    /** The client with the given fields changed; tokens already issued keep what they were granted. */
    public OAuthClient patched(Optional<String> newName, Optional<ScopeSet> newScopes, Optional<ProjectAccess> newProjects,
                               Instant now) {
        return new OAuthClient(id, workspaceId, clientId, secretHash, previousSecretHash, previousSecretExpiresAt,
                newName.orElse(name), newScopes.orElse(allowedScopes), newProjects.orElse(projects), createdAt, lastUsedAt,
                status, tokenGeneration, version + 1, now);
    }

    /** The client deleted: it gets no more tokens and its live tokens stop working. */
    public OAuthClient deleted(Instant now) {
        return new OAuthClient(id, workspaceId, clientId, secretHash, Optional.empty(), Optional.empty(), name, allowedScopes,
                projects, createdAt, lastUsedAt, ClientStatus.DELETED, tokenGeneration, version + 1, now);
    }
}
