package dev.gatehouse.application.source.port.in;

import java.util.Objects;

/** One event as a stream delivers it: its SSE id, its time in epoch milliseconds, and its payload as compact JSON. */
public record StreamedEvent(String id, long timestampMillis, String eventJson) {
    public StreamedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventJson, "eventJson");
    }
}
