package dev.gatehouse.archfixture.clientleak.adapter.in.http;

import dev.gatehouse.archfixture.clientleak.client.Library;

/** Fixture, breaks client-library isolation: a server handler uses the library meant for other services. */
public final class HandlerUsingClientLibrary {

    Library library;
}
