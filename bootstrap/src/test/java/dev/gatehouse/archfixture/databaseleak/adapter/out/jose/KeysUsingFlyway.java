package dev.gatehouse.archfixture.databaseleak.adapter.out.jose;

import org.flywaydb.core.Flyway;

/** Fixture, breaks database confinement: Flyway outside the persistence adapter. */
public final class KeysUsingFlyway {

    Flyway flyway;
}
