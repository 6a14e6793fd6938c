package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.client.port.out.OAuthClientRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link OAuthClientRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiOAuthClientRepositoryH2Test extends OAuthClientRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
