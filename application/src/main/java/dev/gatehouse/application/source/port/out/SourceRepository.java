package dev.gatehouse.application.source.port.out;

import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores event sources and the events retained for replay. */
public interface SourceRepository {

    void add(EventSource source);

    /** The source, unless it does not exist or was deleted. */
    Optional<EventSource> findById(SourceId id);

    /** Deletes the source and its events; returns false when there was no such live source. */
    boolean delete(SourceId id);

    /**
     * Appends an event with the source's next sequence number (1, 2, 3… never reused, even after trimming)
     * and keeps at most {@code keepCount} of the source's newest events.
     */
    SourceEvent append(SourceId id, Instant emittedAt, String payloadJson, int keepCount);

    /** The source's retained events with a sequence above {@code afterSequence}, oldest first, at most {@code limit}. */
    List<SourceEvent> eventsAfter(SourceId id, long afterSequence, int limit);

    /** The sequence number of the source's newest event ever appended (0 when none, or no such source). */
    long lastSequence(SourceId id);

    /** Drops every retained event emitted before {@code cutoff}; returns how many. */
    int purgeEventsBefore(Instant cutoff);
}
