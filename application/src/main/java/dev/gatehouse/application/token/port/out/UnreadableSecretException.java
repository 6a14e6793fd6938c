package dev.gatehouse.application.token.port.out;

/**
 * A secret stored at rest cannot be opened: the master key is not the one it was sealed under, or the stored
 * value was tampered with or is corrupt. The message says which, and never carries key material.
 */
public final class UnreadableSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean wrongMasterKey;

    /** A stored value that was changed, is corrupt, or is bound to another context. */
    public UnreadableSecretException(String message) {
        this(message, false);
    }

    /** {@code wrongMasterKey}: the value is intact, but was sealed under another master key than the one at hand. */
    public UnreadableSecretException(String message, boolean wrongMasterKey) {
        super(message);
        this.wrongMasterKey = wrongMasterKey;
    }

    /** Whether the cause is another master key, rather than a changed or corrupt value. */
    public boolean wrongMasterKey() {
        return wrongMasterKey;
    }
}
