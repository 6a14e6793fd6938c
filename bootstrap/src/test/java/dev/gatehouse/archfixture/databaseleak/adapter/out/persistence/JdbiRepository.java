package dev.gatehouse.archfixture.databaseleak.adapter.out.persistence;

import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** Fixture: database libraries inside the persistence adapter, which is allowed. */
public final class JdbiRepository {

    Jdbi jdbi;
    DataSource dataSource;
    Connection connection;
    Flyway flyway;
}
