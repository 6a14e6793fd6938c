package dev.gatehouse.application.oauth;

/** The one exception of the OAuth endpoints; it carries an {@link OAuthError} and no stack trace. */
public final class OAuthException extends RuntimeException {

    private final OAuthError error;

    public OAuthException(OAuthErrorCode code, String description) {
        super(code.wireName() + ": " + description, null, false, false);
        this.error = new OAuthError(code, description);
    }

    public OAuthError error() {
        return error;
    }
}
