package dev.gatehouse.archfixture.httpleak.bootstrap;

import io.javalin.Javalin;

/** Fixture, breaks Javalin confinement: bootstrap configures Javalin itself. */
public final class MainUsingJavalin {

    Javalin server() {
        return Javalin.create();
    }
}
