package dev.gatehouse.adapter.out.persistence;

/** The audit log contract and row checks against JDBI and H2 in memory. */
class JdbiAuditLogH2Test extends JdbiAuditLogChecks {

    @Override
    TestDatabases.TestDatabase newDatabase() {
        return TestDatabases.h2();
    }
}
