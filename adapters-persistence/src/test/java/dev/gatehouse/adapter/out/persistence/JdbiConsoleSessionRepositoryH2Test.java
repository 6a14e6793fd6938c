package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.console.port.out.ConsoleSessionRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link ConsoleSessionRepositoryContract} against JDBI and H2. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiConsoleSessionRepositoryH2Test extends ConsoleSessionRepositoryContract {

    @Override
    protected Fixture newFixture() {
        TestDatabases.TestDatabase db = TestDatabases.h2();
        return new Fixture(db.stores(), db.database().consoleSessions());
    }
}
