package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.console.port.out.ConsoleSessionRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link ConsoleSessionRepositoryContract} against JDBI and Postgres. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiConsoleSessionRepositoryPostgresTest extends ConsoleSessionRepositoryContract {

    @Override
    protected Fixture newFixture() {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        return new Fixture(db.stores(), db.database().consoleSessions());
    }
}
