package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.InstallationRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link InstallationRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiInstallationRepositoryPostgresTest extends InstallationRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
