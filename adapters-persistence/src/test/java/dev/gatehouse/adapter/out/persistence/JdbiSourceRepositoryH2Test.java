package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.source.port.out.SourceRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link SourceRepositoryContract} against JDBI and H2 in memory. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiSourceRepositoryH2Test extends SourceRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.h2().stores();
    }
}
