package dev.gatehouse.domain.credential;

import java.util.Objects;

/**
 * A credential in clear text, held only between its creation and the one response that shows it, or
 * between a request and its check. {@link #toString()} never shows it.
 */
public record PlainCredential(CredentialKind kind, String value) {

    public PlainCredential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** The SHA-256 hash that is stored in its place. */
    public SecretHash hash() {
        return SecretHash.of(value);
    }

    @Override
    public String toString() {
        return "PlainCredential[" + kind + ", redacted]";
    }
}
