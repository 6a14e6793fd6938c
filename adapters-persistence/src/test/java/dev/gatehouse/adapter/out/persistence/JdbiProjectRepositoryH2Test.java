package dev.gatehouse.adapter.out.persistence;

/** The project repository contract and delete checks against JDBI and H2 in memory. */
class JdbiProjectRepositoryH2Test extends JdbiProjectRepositoryChecks {

    @Override
    TestDatabases.TestDatabase newDatabase() {
        return TestDatabases.h2();
    }
}
