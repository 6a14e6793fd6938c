package dev.gatehouse.application.source.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as a stream delivers it: its SSE id, its time in epoch milliseconds, and its payload, either as
 * the compact JSON text it was emitted with or as fields for the adapter to write as a JSON object.
 */
public record StreamedEvent(String id, long timestampMillis, Optional<String> eventJson, Map<String, Object> eventFields) {

    public StreamedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventJson, "eventJson");
        eventFields = Collections.unmodifiableMap(new LinkedHashMap<>(eventFields));
    }

    public static StreamedEvent json(String id, long timestampMillis, String eventJson) {
        return new StreamedEvent(id, timestampMillis, Optional.of(eventJson), Map.of());
    }

    public static StreamedEvent structured(String id, long timestampMillis, Map<String, Object> fields) {
        return new StreamedEvent(id, timestampMillis, Optional.empty(), fields);
    }
}
