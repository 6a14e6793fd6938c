package dev.gatehouse.client;

import java.util.Optional;

/**
 * A token could not be obtained: the token endpoint refused the client (its RFC 6749 §5.2 {@code error} is kept),
 * kept throttling it, or could not be reached.
 */
public final class TokenClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    TokenClientException(String message, int status, String error, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    TokenClientException(String message, int status, String error) {
        this(message, status, error, null);
    }

    /** The HTTP status of the last answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The RFC 6749 {@code error} code of the last answer, such as {@code invalid_client}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
