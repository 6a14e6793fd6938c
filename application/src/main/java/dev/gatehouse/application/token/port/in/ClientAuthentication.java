package dev.gatehouse.application.token.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * The client credentials a request presented, and how. {@link #toString()} never shows the secret.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 */
public record ClientAuthentication(Method method, Optional<String> clientId, Optional<String> secret) {

    /** {@code client_secret_basic}, {@code client_secret_post}, or nothing presented. */
    public enum Method { BASIC, POST, NONE }

    public ClientAuthentication {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
    }

    public static ClientAuthentication none() {
        return new ClientAuthentication(Method.NONE, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "ClientAuthentication[" + method + ", " + clientId.orElse("-") + ", secret redacted]";
    }
}
