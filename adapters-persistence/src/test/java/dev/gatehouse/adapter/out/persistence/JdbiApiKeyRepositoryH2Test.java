package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link ApiKeyRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiApiKeyRepositoryH2Test extends ApiKeyRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
