package dev.gatehouse.client;

/**
 * An access token was rejected by {@link TokenVerifier}: malformed, forged, expired, of the wrong type, issuer or
 * audience, or reported inactive by introspection. The message says why and is safe to send back as an RFC 6750
 * {@code error_description}; it never contains the token.
 */
public final class InvalidTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidTokenException(String message) {
        super(message);
    }

    InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
