package dev.gatehouse.adapter.in.http;

import java.util.Objects;

/** Where the HTTP server listens, and the issuer URL it names itself by. */
public record HttpSettings(String host, int port, String issuer) {
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(issuer, "issuer");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
    }
}
