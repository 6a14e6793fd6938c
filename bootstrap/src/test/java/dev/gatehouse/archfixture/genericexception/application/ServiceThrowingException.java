package dev.gatehouse.archfixture.genericexception.application;

/** Fixture, throws a bare checked Exception. */
public final class ServiceThrowingException {

    void fail() throws Exception {
        throw new Exception("boom");
    }
}
