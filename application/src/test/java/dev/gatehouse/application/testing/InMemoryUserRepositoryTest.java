package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.UserRepositoryContract;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
