package dev.gatehouse.archfixture.genericexception.domain;

/** Fixture, throws a bare RuntimeException. */
public final class EntityThrowingRuntimeException {

    void fail() {
        throw new RuntimeException("boom");
    }
}
