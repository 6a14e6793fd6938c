package dev.gatehouse.application.source.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.shared.InsufficientScopeException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.SourceUseCases;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in audit source of each workspace. Its stream reads the audit log itself, polling it a few
 * times a second, so that it sees the events recorded by every server sharing the database. Event ids are
 * {@code <ms>-<audit number>}; a stream without {@code Last-Event-ID} starts with the events to come.
 *
 * <p>Audit numbers are handed out when an event is inserted, so two events recorded at the same moment may
 * commit out of order. Each poll therefore re-reads the last {@value #REREAD} numbers below the newest one
 * delivered and skips those already delivered, so a late commit is not lost.
 */
public final class AuditStreamService implements SourceUseCases.SubscribeToAuditUseCase {

    public static final Scope AUDIT_READ = new Scope("audit:read");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int PAGE = 100;
    static final int REREAD = 64;

    private final AuditLog audit;
    private final WorkspaceAccess access;

    public AuditStreamService(AuditLog audit, WorkspaceAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @Override
    public EventStream subscribe(Principal caller, WorkspaceId workspace, Optional<String> lastEventId) {
        if (caller instanceof Principal.User user) {
            access.requireAdmin(user.userId(), workspace);
        } else if (caller instanceof Principal.WorkspaceClient client) {
            if (!client.workspaceId().equals(workspace)) {
                throw new NotFoundException("workspace " + workspace + " not found");
            }
            if (!client.scopes().grants(AUDIT_READ)) {
                throw new InsufficientScopeException(AUDIT_READ);
            }
        }
        long latest = audit.latestId(workspace);
        // A Last-Event-ID beyond the newest event (from another database, say) resumes at the newest.
        long after = Math.min(lastEventId.flatMap(SourceEvent::sequenceOf).orElse(latest), latest);
        return new AuditEventStream(workspace, after);
    }

    private final class AuditEventStream implements EventStream {

        private final WorkspaceId workspace;
        private final Deque<RecordedAuditEvent> pending = new ArrayDeque<>();
        private final java.util.NavigableSet<Long> delivered = new java.util.TreeSet<>();
        private final long resumedAfter;
        private long lastDelivered;

        AuditEventStream(WorkspaceId workspace, long after) {
            this.workspace = workspace;
            this.resumedAfter = after;
            this.lastDelivered = after;
        }

        @Override
        public Optional<StreamedEvent> next(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (pending.isEmpty()) {
                long from = Math.max(0, lastDelivered - REREAD);
                for (RecordedAuditEvent event : audit.after(workspace, from, PAGE + REREAD)) {
                    if (event.id() > resumedAfter && !delivered.contains(event.id())) {
                        pending.add(event);
                    }
                }
                if (!pending.isEmpty()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
            }
            RecordedAuditEvent event = pending.poll();
            lastDelivered = Math.max(lastDelivered, event.id());
            delivered.add(event.id());
            delivered.headSet(lastDelivered - REREAD, true).clear();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", event.type());
            payload.put("workspace_id", event.workspaceId().value());
            payload.put("at", event.at().toString());
            payload.putAll(event.details());
            String id = event.at().toEpochMilli() + "-" + event.id();
            return Optional.of(StreamedEvent.structured(id, event.at().toEpochMilli(), payload));
        }

        @Override
        public Optional<Duration> pollInterval() {
            return Optional.of(POLL);
        }

        @Override
        public boolean overflowed() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
