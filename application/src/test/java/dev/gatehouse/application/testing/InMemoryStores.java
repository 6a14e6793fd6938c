package dev.gatehouse.application.testing;

/** Builds a fresh, empty set of the in-memory fakes, wired to one another. */
public final class InMemoryStores {

    /** The master key of the signing keys of {@link #create()}. */
    public static final FakeSecretSealer SEALER = new FakeSecretSealer("test-master-key");

    private InMemoryStores() {}

    public static Stores create() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository apiKeys = new InMemoryApiKeyRepository();
        InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository(users, apiKeys);
        InMemoryOAuthClientRepository clients = new InMemoryOAuthClientRepository();
        return new Stores(
                workspaces,
                users,
                apiKeys,
                clients,
                new InMemoryInstallationRepository(workspaces, users, apiKeys),
                new InMemorySigningKeyRepository(SEALER),
                new InMemoryAuditLog(),
                new InMemorySourceRepository(),
                new InMemoryRevokedTokenRepository(),
                new InMemoryProjectRepository(clients));
    }
}
