package dev.gatehouse.application.testing;

import dev.gatehouse.application.client.port.out.OAuthClientRepositoryContract;

class InMemoryOAuthClientRepositoryTest extends OAuthClientRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
