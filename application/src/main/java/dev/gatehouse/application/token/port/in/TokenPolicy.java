package dev.gatehouse.application.token.port.in;

import java.time.Duration;
import java.util.Objects;

/** The issuer URL that names this server in tokens, and how long an access token lives. */
public record TokenPolicy(String issuer, Duration ttl) {
    public TokenPolicy {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.toSeconds() > Duration.ofDays(1).toSeconds()) {
            throw new IllegalArgumentException("the token lifetime must be between 1 second and 1 day");
        }
    }
}
