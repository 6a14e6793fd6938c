package dev.gatehouse.archfixture.persistencecoupling.adapter.in.http;

/** Fixture: an HTTP adapter type. */
public final class ErrorRenderer {
}
