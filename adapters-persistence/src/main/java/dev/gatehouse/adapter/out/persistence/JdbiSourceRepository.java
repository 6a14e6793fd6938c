package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Event sources in the {@code event_sources} table and their retained events in {@code source_events}.
 *
 * <p>A source row counts its events in {@code last_seq}. An append increments that counter and inserts the
 * event in one transaction: the update holds the source row's lock until the commit, so concurrent appends,
 * from this server or another, take consecutive numbers one after the other, and a number is never handed
 * out twice, even once its event has been trimmed or purged. A deleted source keeps its row, flagged
 * {@code deleted}, so that its id and counter are never reused; its events are deleted with it. Deletion
 * takes the same row lock, so an append either commits before it (and its event is deleted too) or finds
 * the source deleted.
 */
public final class JdbiSourceRepository implements SourceRepository {

    private static final EventSourceMapper SOURCE = new EventSourceMapper();
    private static final SourceEventMapper EVENT = new SourceEventMapper();

    private final Jdbi jdbi;

    public JdbiSourceRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(EventSource source) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO event_sources (id, workspace_id, name, created_by, created_at)
                        VALUES (:id, :workspaceId, :name, :createdBy, :createdAt)
                        """)
                .bind("id", source.id().value())
                .bind("workspaceId", source.workspaceId().value())
                .bind("name", source.name())
                .bind("createdBy", source.createdBy().value())
                .bind("createdAt", Sql.millis(source.createdAt()))
                .execute());
    }

    @Override
    public Optional<EventSource> findById(SourceId id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, workspace_id, name, created_by, created_at
                          FROM event_sources
                         WHERE id = :id AND deleted = FALSE
                        """)
                .bind("id", id.value())
                .map(SOURCE)
                .findOne());
    }

    @Override
    public boolean delete(SourceId id) {
        return jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("""
                            UPDATE event_sources
                               SET deleted = TRUE
                             WHERE id = :id AND deleted = FALSE
                            """)
                    .bind("id", id.value())
                    .execute();
            if (deleted == 0) {
                return false;
            }
            handle.createUpdate("DELETE FROM source_events WHERE source_id = :id")
                    .bind("id", id.value())
                    .execute();
            return true;
        });
    }

    /**
     * Takes the source's next number, stores the event, and drops the events numbered {@code keepCount} or
     * more below it.
     *
     * @throws NotFoundException when the source does not exist or was deleted; nothing is stored
     * @throws IllegalArgumentException when {@code keepCount} is below 1 or the payload is not on one line
     */
    @Override
    public SourceEvent append(SourceId id, Instant emittedAt, String payloadJson, int keepCount) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(emittedAt, "emittedAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (keepCount < 1) {
            throw new IllegalArgumentException("keepCount must be at least 1");
        }
        return jdbi.inTransaction(handle -> {
            int counted = handle.createUpdate("""
                            UPDATE event_sources
                               SET last_seq = last_seq + 1
                             WHERE id = :id AND deleted = FALSE
                            """)
                    .bind("id", id.value())
                    .execute();
            if (counted == 0) {
                throw new NotFoundException("source " + id + " not found");
            }
            long sequence = handle.createQuery("SELECT last_seq FROM event_sources WHERE id = :id")
                    .bind("id", id.value())
                    .mapTo(Long.class)
                    .one();
            SourceEvent event = new SourceEvent(id, sequence, Instant.ofEpochMilli(Sql.millis(emittedAt)), payloadJson);
            handle.createUpdate("""
                            INSERT INTO source_events (source_id, seq, emitted_at, payload)
                            VALUES (:sourceId, :seq, :emittedAt, :payload)
                            """)
                    .bind("sourceId", id.value())
                    .bind("seq", sequence)
                    .bind("emittedAt", Sql.millis(event.emittedAt()))
                    .bind("payload", payloadJson)
                    .execute();
            if (sequence > keepCount) {
                handle.createUpdate("""
                                DELETE FROM source_events
                                 WHERE source_id = :sourceId AND seq <= :newestDropped
                                """)
                        .bind("sourceId", id.value())
                        .bind("newestDropped", sequence - keepCount)
                        .execute();
            }
            return event;
        });
    }

    @Override
    public long lastSequence(SourceId id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT last_seq FROM event_sources WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }

    @Override
    public List<SourceEvent> eventsAfter(SourceId id, long afterSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT source_id, seq, emitted_at, payload
                          FROM source_events
                         WHERE source_id = :sourceId AND seq > :afterSequence
                         ORDER BY seq
                         FETCH FIRST :limit ROWS ONLY
                        """)
                .bind("sourceId", id.value())
                .bind("afterSequence", afterSequence)
                .bind("limit", limit)
                .map(EVENT)
                .list());
    }

    @Override
    public int purgeEventsBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM source_events WHERE emitted_at < :cutoff")
                .bind("cutoff", Sql.millis(cutoff))
                .execute());
    }
}
