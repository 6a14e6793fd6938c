package dev.gatehouse.application.token.port.in;

import dev.gatehouse.domain.scope.ScopeSet;
import java.time.Instant;

/** A signed access token and what the token response says about it. {@link #toString()} hides the token. */
public record IssuedAccessToken(String accessToken, Instant issuedAt, long expiresInSeconds, ScopeSet scope) {
    @Override
    public String toString() {
        return "IssuedAccessToken[redacted, " + issuedAt + ", " + expiresInSeconds + "s, " + scope + "]";
    }
}
