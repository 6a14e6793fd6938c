package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.SigningKeyRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link SigningKeyRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiSigningKeyRepositoryPostgresTest extends SigningKeyRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
