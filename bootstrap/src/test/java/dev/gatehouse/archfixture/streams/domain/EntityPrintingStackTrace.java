package dev.gatehouse.archfixture.streams.domain;

/** Fixture, prints a stack trace to stderr outside bootstrap. */
public final class EntityPrintingStackTrace {

    void handle(IllegalStateException e) {
        e.printStackTrace();
    }
}
