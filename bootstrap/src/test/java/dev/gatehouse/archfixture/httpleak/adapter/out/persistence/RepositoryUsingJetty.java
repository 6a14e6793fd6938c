package dev.gatehouse.archfixture.httpleak.adapter.out.persistence;

import org.eclipse.jetty.server.Server;

/** Fixture, breaks Javalin confinement: Jetty outside the HTTP adapter. */
public final class RepositoryUsingJetty {

    Server server;
}
