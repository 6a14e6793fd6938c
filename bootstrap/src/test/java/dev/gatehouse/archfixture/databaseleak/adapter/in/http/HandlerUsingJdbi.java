package dev.gatehouse.archfixture.databaseleak.adapter.in.http;

import org.jdbi.v3.core.Handle;

/** Fixture, breaks database confinement: a JDBI handle reaches the HTTP adapter. */
public final class HandlerUsingJdbi {

    void handle(Handle handle) {
    }
}
