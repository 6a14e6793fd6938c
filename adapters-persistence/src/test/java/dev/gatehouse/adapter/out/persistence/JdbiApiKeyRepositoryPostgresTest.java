package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link ApiKeyRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiApiKeyRepositoryPostgresTest extends ApiKeyRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
