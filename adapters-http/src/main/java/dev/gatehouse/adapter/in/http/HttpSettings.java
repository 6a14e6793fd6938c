package dev.gatehouse.adapter.in.http;

import dev.gatehouse.adapter.in.http.common.RateLimits;
import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the HTTP server listens, the issuer URL it names itself by, how often SSE streams send a heartbeat,
 * the rate limits of contract §4, the request limits, the origins allowed to call cross-origin (none by
 * default) and the proxies trusted to report a client's address in {@code X-Forwarded-For} (none by default).
 */
public record HttpSettings(String host, int port, String issuer, Duration sseHeartbeat, RateLimits rateLimits,
                           RequestLimits requestLimits, List<String> corsOrigins, List<String> trustedProxies) {

    /** The settings with contract §4's default rate limits, the default request limits, no CORS and no trusted proxy. */
    public HttpSettings(String host, int port, String issuer, Duration sseHeartbeat) {
        this(host, port, issuer, sseHeartbeat, RateLimits.defaults(), RequestLimits.defaults(), List.of(), List.of());
    }

    public HttpSettings {
        Objects.requireNonNull(requestLimits, "requestLimits");
        corsOrigins = List.copyOf(corsOrigins);
        trustedProxies = List.copyOf(trustedProxies);
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
        if (sseHeartbeat.compareTo(requestLimits.idleTimeout()) >= 0) {
            throw new IllegalArgumentException("the SSE heartbeat must be shorter than the idle timeout, or idle streams are cut");
        }
    }
}
