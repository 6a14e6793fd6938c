package dev.gatehouse.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@code audit_events} row; {@code details} is a JSON object of strings. */
final class RecordedAuditEventMapper implements RowMapper<RecordedAuditEvent> {

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

    private final ObjectMapper json;

    RecordedAuditEventMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public RecordedAuditEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
        long id = rs.getLong("id");
        return new RecordedAuditEvent(
                id,
                new WorkspaceId(rs.getString("workspace_id")),
                rs.getString("type"),
                Sql.instant(rs, "occurred_at"),
                details(id, rs.getString("details")));
    }

    private Map<String, String> details(long id, String column) {
        try {
            return json.readValue(column, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event " + id + " has unreadable details", e);
        }
    }
}
