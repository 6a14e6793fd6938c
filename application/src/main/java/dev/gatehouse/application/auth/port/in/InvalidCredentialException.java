package dev.gatehouse.application.auth.port.in;

/** A bearer credential that authenticates nobody; the message says why, and never repeats the credential. */
public final class InvalidCredentialException extends RuntimeException {
    public InvalidCredentialException(String message) {
        super(message, null, false, false);
    }
}
