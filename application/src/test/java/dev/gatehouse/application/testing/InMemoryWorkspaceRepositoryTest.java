package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepositoryContract;

class InMemoryWorkspaceRepositoryTest extends WorkspaceRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
