package dev.gatehouse.archfixture.databaseleak.bootstrap;

import javax.sql.DataSource;

/** Fixture, breaks database confinement: a javax.sql DataSource crosses into bootstrap. */
public final class WiringUsingDataSource {

    DataSource dataSource;
}
