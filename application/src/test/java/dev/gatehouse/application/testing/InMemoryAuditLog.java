package dev.gatehouse.application.testing;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An audit log in memory; tests read what was recorded through {@link #events()}. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(Objects.requireNonNull(event, "event"));
    }

    /** Every event recorded so far, in the order recorded. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
