package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.client.port.out.OAuthClientRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link OAuthClientRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiOAuthClientRepositoryPostgresTest extends OAuthClientRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
