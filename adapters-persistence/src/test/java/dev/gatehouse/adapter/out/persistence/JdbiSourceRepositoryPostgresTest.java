package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.source.port.out.SourceRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link SourceRepositoryContract} against JDBI and PostgreSQL. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiSourceRepositoryPostgresTest extends SourceRepositoryContract {

    @Override
    protected Stores newStores() {
        return TestDatabases.postgres().stores();
    }
}
