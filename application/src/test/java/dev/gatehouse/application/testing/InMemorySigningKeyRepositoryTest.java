package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.SigningKeyRepositoryContract;

class InMemorySigningKeyRepositoryTest extends SigningKeyRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
