package dev.gatehouse.application.testing;

/** Builds a fresh, empty set of the in-memory fakes, wired to one another. */
public final class InMemoryStores {

    private InMemoryStores() {}

    public static Stores create() {
        InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository apiKeys = new InMemoryApiKeyRepository();
        return new Stores(
                workspaces,
                users,
                apiKeys,
                new InMemoryOAuthClientRepository(),
                new InMemoryInstallationRepository(workspaces, users, apiKeys),
                new InMemorySigningKeyRepository(),
                new InMemoryAuditLog(),
                new InMemorySourceRepository(),
                new InMemoryRevokedTokenRepository());
    }
}
