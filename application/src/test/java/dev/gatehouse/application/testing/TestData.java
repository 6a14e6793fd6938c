package dev.gatehouse.application.testing;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Builds valid domain objects for tests, with fresh random ids, so that no two tests (nor two runs against
 * one database) collide. Instants are at millisecond precision, which every store keeps.
 */
public final class TestData {

    /** A millisecond-precise instant to start clocks and rows at. */
    public static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    private final RandomGenerator random;

    public TestData() {
        this(new SplittableRandom());
    }

    /** {@code random} is drawn from under a lock: services under test may be called from many threads at once. */
    public TestData(RandomGenerator random) {
        this.random = new SynchronizedRandom(random);
    }

    public RandomGenerator random() {
        return random;
    }

    public Workspace workspace(Instant createdAt) {
        WorkspaceId id = WorkspaceId.generate(random);
        return new Workspace(id, "org-" + id.value().substring(2, 10), "Workspace " + id, "billing@example.com", createdAt);
    }

    public Workspace workspace() {
        return workspace(T0);
    }

    public User user(String email, Instant createdAt) {
        return new User(UserId.generate(random), email, "user", "fake:not-a-real-hash", createdAt);
    }

    /** A user with a fresh email address. */
    public User user() {
        return user(freshEmail(), T0);
    }

    public String freshEmail() {
        return "user-" + UserId.generate(random).value().substring(2, 14) + "@example.com";
    }

    /** A freshly registered, active client of {@code workspace} allowed {@code scopes} on every project. */
    public OAuthClient.Registration registration(WorkspaceId workspace, Instant createdAt, String... scopes) {
        return OAuthClient.register(workspace, "client", ScopeSet.of(scopes), ProjectAccess.all(), createdAt, random);
    }

    public OAuthClient client(WorkspaceId workspace, Instant createdAt) {
        return registration(workspace, createdAt, "*").client();
    }

    public OAuthClient client(WorkspaceId workspace) {
        return client(workspace, T0);
    }

    public ApiKey.Issued apiKey(UserId user, Instant createdAt) {
        return ApiKey.issue(user, createdAt, random);
    }

    /** Adds a new workspace through {@code stores}. */
    public Workspace addWorkspace(Stores stores, Instant createdAt) {
        Workspace workspace = workspace(createdAt);
        stores.workspaces().add(workspace);
        return workspace;
    }

    public Workspace addWorkspace(Stores stores) {
        return addWorkspace(stores, T0);
    }

    /** Adds a new user, member of no workspace, through {@code stores}. */
    public User addUser(Stores stores) {
        User user = user();
        stores.users().add(user);
        return user;
    }

    /** Adds a new user holding {@code role} in {@code workspace} through {@code stores}. */
    public User addMember(Stores stores, WorkspaceId workspace, Role role) {
        User user = addUser(stores);
        stores.workspaces().putMembership(new Membership(workspace, user.id(), role));
        return user;
    }

    /** {@code client} with another status, as an admin's later change would leave it. */
    public static OAuthClient withStatus(OAuthClient client, ClientStatus status) {
        return new OAuthClient(client.id(), client.workspaceId(), client.clientId(), client.secretHash(),
                client.previousSecretHash(), client.previousSecretExpiresAt(), client.name(), client.allowedScopes(),
                client.projects(), client.createdAt(), client.lastUsedAt(), status, client.tokenGeneration(), client.version(),
                client.updatedAt());
    }

    /** {@code key} revoked at {@code when}. */
    public static ApiKey revoked(ApiKey key, Instant when) {
        return key.revoked(when);
    }
}
