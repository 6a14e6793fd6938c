package dev.gatehouse.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Security events in the {@code audit_events} table: type, workspace and time as columns, and the event's
 * other fields as a JSON object in {@code details}. Events carry no secrets, and each field is listed here
 * by name so that none is written by accident.
 */
public final class JdbiAuditLog implements AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The JSON object of the event's fields other than its workspace and time. */
    static String details(AuditEvent event) {
        ObjectNode details = JSON.createObjectNode();
        if (event instanceof AuditEvent.WorkspaceBootstrapped e) {
            details.put("owner", e.owner().value());
        } else if (event instanceof AuditEvent.OAuthClientCreated e) {
            details.put("actor", e.actor().value());
            details.put("client_record_id", e.clientRecordId().value());
            details.put("client_id", e.clientId().value());
            details.put("name", e.name());
        } else if (event instanceof AuditEvent.ClientAuthenticationFailed e) {
            details.put("client_id", e.clientId().value());
        } else {
            throw new IllegalArgumentException("no audit mapping for " + event.getClass().getName());
        }
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit details", e);
        }
    }
}
