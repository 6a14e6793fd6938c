package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.RevokedTokenRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link RevokedTokenRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiRevokedTokenRepositoryPostgresTest extends RevokedTokenRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
