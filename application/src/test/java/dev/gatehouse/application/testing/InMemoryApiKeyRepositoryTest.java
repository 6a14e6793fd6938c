package dev.gatehouse.application.testing;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepositoryContract;

class InMemoryApiKeyRepositoryTest extends ApiKeyRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
