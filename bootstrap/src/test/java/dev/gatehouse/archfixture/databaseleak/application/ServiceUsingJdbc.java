package dev.gatehouse.archfixture.databaseleak.application;

import java.sql.Connection;

/** Fixture, breaks database confinement: java.sql in the application. */
public final class ServiceUsingJdbc {

    Connection connection;
}
