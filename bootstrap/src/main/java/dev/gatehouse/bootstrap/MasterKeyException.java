package dev.gatehouse.bootstrap;

/** The master key is missing, malformed, or not this database's: the server or command refuses to go on. */
public final class MasterKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MasterKeyException(String message) {
        super(message);
    }
}
