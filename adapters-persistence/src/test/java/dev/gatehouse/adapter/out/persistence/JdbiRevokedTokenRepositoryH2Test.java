package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.RevokedTokenRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link RevokedTokenRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiRevokedTokenRepositoryH2Test extends RevokedTokenRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
