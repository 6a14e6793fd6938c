package dev.gatehouse.archfixture.streams.bootstrap;

/** Fixture: the CLI in bootstrap may print, which is allowed. */
public final class Cli {

    void run() {
        System.out.println("done");
        System.err.println("warning");
    }
}
