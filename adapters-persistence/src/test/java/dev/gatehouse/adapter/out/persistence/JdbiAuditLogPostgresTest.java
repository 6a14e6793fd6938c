package dev.gatehouse.adapter.out.persistence;

/** The audit log contract and row checks against JDBI and PostgreSQL. */
class JdbiAuditLogPostgresTest extends JdbiAuditLogChecks {

    @Override
    TestDatabases.TestDatabase newDatabase() {
        return TestDatabases.postgres();
    }
}
