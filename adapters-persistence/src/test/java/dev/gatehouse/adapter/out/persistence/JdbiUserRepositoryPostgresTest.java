package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.UserRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link UserRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiUserRepositoryPostgresTest extends UserRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
