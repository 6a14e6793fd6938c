package dev.gatehouse.adapter.in.http;

import java.time.Duration;
import java.util.Objects;

/** Where the HTTP server listens, the issuer URL it names itself by, and how often SSE streams send a heartbeat. */
public record HttpSettings(String host, int port, String issuer, Duration sseHeartbeat) {
    public HttpSettings {
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
