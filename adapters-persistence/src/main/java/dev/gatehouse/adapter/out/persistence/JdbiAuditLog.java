package dev.gatehouse.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Security events in the {@code audit_events} table: type, workspace and time as columns, and the event's
 * {@link AuditEvent#details() details} as a JSON object of strings in {@code details}. Each event type
 * lists its own details and carries no secret. The identity column numbers the events for
 * {@link #after}.
 */
public final class JdbiAuditLog implements AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordedAuditEventMapper RECORDED = new RecordedAuditEventMapper(JSON);

    private final Jdbi jdbi;

    public JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void record(AuditEvent event) {
        String details = details(event);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_events (workspace_id, type, occurred_at, details)
                        VALUES (:workspaceId, :type, :occurredAt, :details)
                        """)
                .bind("workspaceId", event.workspaceId().value())
                .bind("type", event.type())
                .bind("occurredAt", Sql.millis(event.at()))
                .bind("details", details)
                .execute());
    }

    @Override
    public List<RecordedAuditEvent> after(WorkspaceId workspace, long afterId, int limit) {
        Objects.requireNonNull(workspace, "workspace");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, workspace_id, type, occurred_at, details
                          FROM audit_events
                         WHERE workspace_id = :workspaceId AND id > :afterId
                         ORDER BY id
                         FETCH FIRST :limit ROWS ONLY
                        """)
                .bind("workspaceId", workspace.value())
                .bind("afterId", afterId)
                .bind("limit", limit)
                .map(RECORDED)
                .list());
    }

    @Override
    public long latestId(WorkspaceId workspace) {
        Objects.requireNonNull(workspace, "workspace");
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COALESCE(MAX(id), 0)
                          FROM audit_events
                         WHERE workspace_id = :workspaceId
                        """)
                .bind("workspaceId", workspace.value())
                .mapTo(Long.class)
                .one());
    }

    /** The event's details as a JSON object, in the order the event lists them. */
    static String details(AuditEvent event) {
        try {
            return JSON.writeValueAsString(event.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit details", e);
        }
    }
}
