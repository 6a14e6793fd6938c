package dev.gatehouse.adapter.in.http.edge;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a request may carry and how long a client may take, so that a large or slow client cannot tie up
 * the server.
 *
 * @param maxBodyBytes          a larger body is refused with 413
 * @param maxHeaderBytes        request line and headers together; larger ones are refused with 431
 * @param idleTimeout           a connection on which nothing is read or written for this long is closed; SSE streams
 *                              stay open because their heartbeat writes more often than this
 * @param headerTimeout         a request's line and headers must arrive within this, however slowly they trickle in
 * @param sseStreamsPerPrincipal open SSE streams per user or client; the next one is refused with 429
 */
public record RequestLimits(long maxBodyBytes, int maxHeaderBytes, Duration idleTimeout, Duration headerTimeout,
                            int sseStreamsPerPrincipal) {

    /** The body limit: an event's 64 KiB of JSON with room for the rest. */
    public static final long DEFAULT_MAX_BODY_BYTES = 128 * 1024;
    /** Room for an 8 KiB bearer token and the usual headers. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

    public RequestLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes");
        }
        if (maxHeaderBytes < 4096) {
            throw new IllegalArgumentException("the header limit must be at least 4096 bytes");
        }
        if (idleTimeout.toMillis() < 1000 || headerTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("the idle and header timeouts must be at least a second");
        }
        if (sseStreamsPerPrincipal < 1) {
            throw new IllegalArgumentException("each principal must be allowed at least one SSE stream");
        }
    }

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(10), 20);
    }
}
