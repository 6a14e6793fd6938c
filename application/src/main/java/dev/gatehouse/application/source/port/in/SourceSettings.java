package dev.gatehouse.application.source.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * How events are kept and streamed: how many of each source's newest events, and for how long, are kept
 * for {@code Last-Event-ID} replay, and how many live events a stream may fall behind before it is ended.
 */
public record SourceSettings(int retainCount, Duration retainAge, int streamBuffer) {

    public static final SourceSettings DEFAULTS = new SourceSettings(1000, Duration.ofDays(1), 1024);

    public SourceSettings {
        Objects.requireNonNull(retainAge, "retainAge");
        if (retainCount < 1 || streamBuffer < 1 || retainAge.isNegative() || retainAge.isZero()) {
            throw new IllegalArgumentException("retention and buffer sizes must be positive");
        }
    }
}
