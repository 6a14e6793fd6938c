package dev.gatehouse.domain.source;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event emitted to a source. Its id is {@code <emitted ms>-<sequence>}, where the sequence counts the
 * source's events from 1, so ids order the events and {@code Last-Event-ID} tells what a reader has seen.
 * The payload is compact JSON text (one line).
 */
public record SourceEvent(SourceId sourceId, long sequence, Instant emittedAt, String payloadJson) {

    public SourceEvent {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(emittedAt, "emittedAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        if (payloadJson.indexOf('\n') >= 0 || payloadJson.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the payload must be compact JSON on one line");
        }
    }

    public String id() {
        return emittedAt.toEpochMilli() + "-" + sequence;
    }

    /** The sequence number of an event id {@code <ms>-<seq>}, or empty when the text is not one. */
    public static Optional<Long> sequenceOf(String eventId) {
        if (eventId == null) {
            return Optional.empty();
        }
        int dash = eventId.indexOf('-');
        if (dash <= 0 || dash == eventId.length() - 1 || eventId.length() > 40) {
            return Optional.empty();
        }
        try {
            Long.parseLong(eventId.substring(0, dash));
            long sequence = Long.parseLong(eventId.substring(dash + 1));
            return sequence >= 0 ? Optional.of(sequence) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
