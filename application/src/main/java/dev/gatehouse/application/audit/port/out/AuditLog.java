package dev.gatehouse.application.audit.port.out;

import dev.gatehouse.domain.audit.AuditEvent;

/** Where security events are kept. */
public interface AuditLog {
    void record(AuditEvent event);
}
