package dev.gatehouse.domain.client;

import dev.gatehouse.domain.credential.CredentialKind;
import java.util.Objects;

/**
 * An OAuth client's public {@code client_id}. It is not a secret (it is the {@code sub} of every token
 * the client gets), but it has the credential form so that a mistyped one is rejected without a lookup.
 */
public record ClientId(String value) {

    public ClientId {
        Objects.requireNonNull(value, "value");
        if (!CredentialKind.CLIENT_ID.isWellFormed(value)) {
            throw new IllegalArgumentException("malformed client_id");
        }
    }

    public static boolean isWellFormed(String value) {
        return CredentialKind.CLIENT_ID.isWellFormed(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
