package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.InstallationRepository;

/**
 * The first start's set-up in memory. It writes into the workspace, user and API key fakes it is given,
 * holding all their locks so that it is all or nothing and happens once, and it finds the store installed
 * as soon as any workspace exists.
 */
public final class InMemoryInstallationRepository implements InstallationRepository {

    private final InMemoryWorkspaceRepository workspaces;
    private final InMemoryUserRepository users;
    private final InMemoryApiKeyRepository apiKeys;

    public InMemoryInstallationRepository(
            InMemoryWorkspaceRepository workspaces, InMemoryUserRepository users, InMemoryApiKeyRepository apiKeys) {
        this.workspaces = workspaces;
        this.users = users;
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean isInstalled() {
        synchronized (workspaces) {
            return !workspaces.isEmpty();
        }
    }

    @Override
    public boolean installIfEmpty(Installation installation) {
        // Always in this order: workspaces, users, API keys. The other fakes only ever take their own lock.
        synchronized (workspaces) {
            synchronized (users) {
                synchronized (apiKeys) {
                    if (!workspaces.isEmpty()) {
                        return false;
                    }
                    workspaces.checkCanAdd(installation.workspace());
                    users.checkCanAdd(installation.owner());
                    apiKeys.checkCanSave(installation.apiKey());
                    workspaces.add(installation.workspace());
                    users.add(installation.owner());
                    workspaces.putMembership(installation.membership());
                    apiKeys.save(installation.apiKey());
                    return true;
                }
            }
        }
    }
}
