package dev.gatehouse.application.audit.port.out;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where security events are kept, in the order they were recorded. */
public interface AuditLog {

    void record(AuditEvent event);

    /** The workspace's events recorded after the one numbered {@code afterId}, oldest first, at most {@code limit}. */
    List<RecordedAuditEvent> after(WorkspaceId workspace, long afterId, int limit);

    /** The number of the workspace's newest event (0 when it has none). */
    long latestId(WorkspaceId workspace);

    /** A stored event: its number (increasing in recording order), type, time and {@link AuditEvent#details()}. */
    record RecordedAuditEvent(long id, WorkspaceId workspaceId, String type, Instant at, Map<String, String> details) {
        public RecordedAuditEvent {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
            details = Map.copyOf(details);
        }
    }
}
