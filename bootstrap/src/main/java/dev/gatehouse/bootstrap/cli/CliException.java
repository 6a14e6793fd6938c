package dev.gatehouse.bootstrap.cli;

/** An error to report as {@code gatehouse: <message>} with exit status 1. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
