package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.RevokedTokenRepositoryContract;

class InMemoryRevokedTokenRepositoryTest extends RevokedTokenRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
