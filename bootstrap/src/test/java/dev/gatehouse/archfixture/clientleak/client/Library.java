package dev.gatehouse.archfixture.clientleak.client;

/** Fixture: the client library, which may use its own classes. */
public final class Library {

    Library self;
}
