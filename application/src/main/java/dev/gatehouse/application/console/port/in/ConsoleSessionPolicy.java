package dev.gatehouse.application.console.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a console session lasts: it ends after {@code idleTimeout} without a request, and after
 * {@code lifetime} however busy it is (OWASP's Session Management Cheat Sheet: short idle and absolute timeouts).
 */
public record ConsoleSessionPolicy(Duration idleTimeout, Duration lifetime) {

    public static final ConsoleSessionPolicy DEFAULTS = new ConsoleSessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12));

    public ConsoleSessionPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(lifetime, "lifetime");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive");
        }
        if (idleTimeout.compareTo(lifetime) > 0) {
            throw new IllegalArgumentException("the idle timeout cannot be longer than the session's lifetime");
        }
    }
}
