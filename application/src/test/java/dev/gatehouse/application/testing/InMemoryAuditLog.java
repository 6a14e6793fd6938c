package dev.gatehouse.application.testing;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An audit log in memory. Each event is numbered from 1 in recording order, across workspaces, and kept to
 * the millisecond as a database would; tests read the events as recorded through {@link #events()}.
 */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();
    private final List<RecordedAuditEvent> recorded = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        events.add(event);
        recorded.add(new RecordedAuditEvent(recorded.size() + 1L, event.workspaceId(), event.type(),
                event.at().truncatedTo(ChronoUnit.MILLIS), event.details()));
    }

    @Override
    public synchronized List<RecordedAuditEvent> after(WorkspaceId workspace, long afterId, int limit) {
        Objects.requireNonNull(workspace, "workspace");
        return recorded.stream()
                .filter(e -> e.id() > afterId && e.workspaceId().equals(workspace))
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized long latestId(WorkspaceId workspace) {
        Objects.requireNonNull(workspace, "workspace");
        return recorded.stream().filter(e -> e.workspaceId().equals(workspace)).mapToLong(RecordedAuditEvent::id).max().orElse(0);
    }

    /** Every event recorded so far, in the order recorded. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
