package dev.gatehouse.application.testing;

import dev.gatehouse.application.project.port.out.ProjectRepositoryContract;

class InMemoryProjectRepositoryTest extends ProjectRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
