package dev.gatehouse.application.audit.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed client authentications per client and minute, and records one audit event per client for
 * each minute that has ended, so that a guessing attack makes a handful of audit rows, not one per request.
 */
public final class AuthenticationFailureAggregator {

    private record Window(WorkspaceId workspace, ClientId client, Instant start) {}

    private final Map<Window, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AuditLog audit;
    private final Clock clock;

    public AuthenticationFailureAggregator(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public void failed(WorkspaceId workspace, ClientId client) {
        Window window = new Window(workspace, client, clock.instant().truncatedTo(ChronoUnit.MINUTES));
        counts.computeIfAbsent(window, w -> new AtomicInteger()).incrementAndGet();
    }

    /** Records the windows that have ended; run every few seconds. */
    public void flushEnded() {
        flush(clock.instant().truncatedTo(ChronoUnit.MINUTES));
    }

    /** Records every window, ended or not; run at shutdown. */
    public void flushAll() {
        flush(Instant.MAX);
    }

    private void flush(Instant before) {
        for (Window window : counts.keySet()) {
            if (window.start().isBefore(before)) {
                AtomicInteger count = counts.remove(window);
                if (count != null && count.get() > 0) {
                    audit.record(new AuditEvent.ClientAuthenticationFailures(window.workspace(), window.client(), count.get(),
                            window.start(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
                }
            }
        }
    }
}
