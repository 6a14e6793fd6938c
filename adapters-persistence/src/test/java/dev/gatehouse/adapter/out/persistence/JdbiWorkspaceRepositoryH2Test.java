package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link WorkspaceRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiWorkspaceRepositoryH2Test extends WorkspaceRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
