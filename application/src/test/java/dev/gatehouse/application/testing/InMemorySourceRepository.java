package dev.gatehouse.application.testing;

import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Event sources and their retained events in memory. Each source counts its events in its own
 * {@code last_seq}, which trimming and purging never lower, so a sequence number is never reused.
 */
public final class InMemorySourceRepository implements SourceRepository {

    private final Map<SourceId, EventSource> sources = new HashMap<>();
    private final Map<SourceId, Long> lastSequence = new HashMap<>();
    private final Map<SourceId, Deque<SourceEvent>> events = new HashMap<>();

    @Override
    public synchronized void add(EventSource source) {
        Objects.requireNonNull(source, "source");
        if (lastSequence.containsKey(source.id())) {
            throw new IllegalStateException("duplicate source id " + source.id());
        }
        sources.put(source.id(), source);
        lastSequence.put(source.id(), 0L);
        events.put(source.id(), new ArrayDeque<>());
    }

    @Override
    public synchronized Optional<EventSource> findById(SourceId id) {
        return Optional.ofNullable(sources.get(id));
    }

    @Override
    public synchronized boolean delete(SourceId id) {
        if (sources.remove(id) == null) {
            return false;
        }
        events.remove(id);
        return true;
    }

    @Override
    public synchronized SourceEvent append(SourceId id, Instant emittedAt, String payloadJson, int keepCount) {
        Objects.requireNonNull(emittedAt, "emittedAt");
        if (keepCount < 1) {
            throw new IllegalArgumentException("keepCount must be positive");
        }
        if (!sources.containsKey(id)) {
            throw new IllegalStateException("no source " + id);
        }
        long sequence = lastSequence.merge(id, 1L, Long::sum);
        SourceEvent event = new SourceEvent(id, sequence, emittedAt, payloadJson);
        Deque<SourceEvent> retained = events.get(id);
        retained.addLast(event);
        while (retained.size() > keepCount) {
            retained.removeFirst();
        }
        return event;
    }

    @Override
    public synchronized long lastSequence(SourceId id) {
        return lastSequence.getOrDefault(id, 0L);
    }

    @Override
    public synchronized List<SourceEvent> eventsAfter(SourceId id, long afterSequence, int limit) {
        Deque<SourceEvent> retained = events.get(id);
        if (retained == null) {
            return List.of();
        }
        return retained.stream().filter(e -> e.sequence() > afterSequence).limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized int purgeEventsBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        int purged = 0;
        for (Deque<SourceEvent> retained : events.values()) {
            for (Iterator<SourceEvent> it = retained.iterator(); it.hasNext(); ) {
                if (it.next().emittedAt().isBefore(cutoff)) {
                    it.remove();
                    purged++;
                }
            }
        }
        return purged;
    }
}
