package dev.gatehouse.application.token.port.out;

/**
 * A secret stored at rest cannot be opened: the master key is not the one it was sealed under, or the stored
 * value was tampered with or is corrupt. The message says which, and never carries key material.
 */
public final class UnreadableSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableSecretException(String message) {
        super(message);
    }
}
