package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.SigningKeyRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link SigningKeyRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiSigningKeyRepositoryH2Test extends SigningKeyRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
