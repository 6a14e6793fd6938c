package dev.gatehouse.application.oauth;

import java.util.Objects;

/** One OAuth error: its code and a description for the developer reading the response. */
public record OAuthError(OAuthErrorCode code, String description) {
    public OAuthError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }
}
