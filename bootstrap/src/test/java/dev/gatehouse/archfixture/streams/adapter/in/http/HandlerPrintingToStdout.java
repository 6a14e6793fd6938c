package dev.gatehouse.archfixture.streams.adapter.in.http;

/** Fixture, prints to stdout outside bootstrap. */
public final class HandlerPrintingToStdout {

    void handle() {
        System.out.println("handled");
    }
}
