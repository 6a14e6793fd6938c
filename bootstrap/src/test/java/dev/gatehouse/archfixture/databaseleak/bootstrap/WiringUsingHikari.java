package dev.gatehouse.archfixture.databaseleak.bootstrap;

import com.zaxxer.hikari.HikariDataSource;

/** Fixture, breaks database confinement: bootstrap builds the connection pool itself. */
public final class WiringUsingHikari {

    HikariDataSource pool() {
        return new HikariDataSource();
    }
}
