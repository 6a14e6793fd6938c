package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.InstallationRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link InstallationRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiInstallationRepositoryH2Test extends InstallationRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
