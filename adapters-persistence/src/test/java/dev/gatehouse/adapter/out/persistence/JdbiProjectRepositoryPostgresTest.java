package dev.gatehouse.adapter.out.persistence;

/** The project repository contract and delete checks against JDBI and PostgreSQL. */
class JdbiProjectRepositoryPostgresTest extends JdbiProjectRepositoryChecks {

    @Override
    TestDatabases.TestDatabase newDatabase() {
        return TestDatabases.postgres();
    }
}
