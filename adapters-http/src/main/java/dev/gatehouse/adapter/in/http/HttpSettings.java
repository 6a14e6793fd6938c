package dev.gatehouse.adapter.in.http;

import dev.gatehouse.adapter.in.http.common.RateLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the HTTP server listens, the issuer URL it names itself by, how often SSE streams send a heartbeat,
 * and the rate limits of contract §4.
 */
public record HttpSettings(String host, int port, String issuer, Duration sseHeartbeat, RateLimits rateLimits) {

    /** The settings with contract §4's default rate limits. */
    public HttpSettings(String host, int port, String issuer, Duration sseHeartbeat) {
        this(host, port, issuer, sseHeartbeat, RateLimits.defaults());
    }

    public HttpSettings {
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(sseHeartbeat, "sseHeartbeat");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (sseHeartbeat.isNegative() || sseHeartbeat.isZero()) {
            throw new IllegalArgumentException("the SSE heartbeat interval must be positive");
        }
    }
}
