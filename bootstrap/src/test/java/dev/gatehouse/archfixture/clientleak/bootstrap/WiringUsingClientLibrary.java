package dev.gatehouse.archfixture.clientleak.bootstrap;

import dev.gatehouse.archfixture.clientleak.client.Library;

/** Fixture, breaks client-library isolation: the wiring uses the library meant for other services. */
public final class WiringUsingClientLibrary {

    Library library;
}
