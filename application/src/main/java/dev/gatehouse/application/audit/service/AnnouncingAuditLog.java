package dev.gatehouse.application.audit.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.shared.port.out.Transactions;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The audit log as the use cases see it: it records through the store's log and, once an event is stored, tells
 * a listener in which workspace, so that the workspace's open audit streams read it at once instead of at their
 * next poll. An event recorded inside a transaction is stored only when the transaction commits, so this is
 * also the {@link Transactions} of audited changes: it tells of their events after the commit, and of none when
 * the transaction fails. The listener learns of the events recorded through this server; the server's wiring
 * passes them on to the other servers sharing the database.
 */
public final class AnnouncingAuditLog implements AuditLog, Transactions {

    private final AuditLog log;
    private final Transactions transactions;
    /** The workspaces whose events the current thread's transaction has recorded; null outside a transaction. */
    private final ThreadLocal<Set<WorkspaceId>> recordedInTransaction = new ThreadLocal<>();
    private volatile Consumer<WorkspaceId> listener = workspace -> { };

    public AnnouncingAuditLog(AuditLog log, Transactions transactions) {
        this.log = Objects.requireNonNull(log, "log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Sets who is told of stored events (one listener; a later call replaces it). It runs on the thread that
     * recorded the event, so it should only hand the work on. What it throws is ignored: the change is stored by
     * then, and the audit streams' polls find the event anyway.
     */
    public void onStored(Consumer<WorkspaceId> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void record(AuditEvent event) {
        log.record(event);
        Set<WorkspaceId> pending = recordedInTransaction.get();
        if (pending == null) {
            tell(event.workspaceId());
        } else {
            pending.add(event.workspaceId());
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (recordedInTransaction.get() != null) {
            return transactions.inTransaction(work); // the outermost transaction tells, after its commit
        }
        Set<WorkspaceId> recorded = new LinkedHashSet<>();
        recordedInTransaction.set(recorded);
        T result;
        try {
            result = transactions.inTransaction(work);
        } finally {
            recordedInTransaction.remove();
        }
        recorded.forEach(this::tell);
        return result;
    }

    private void tell(WorkspaceId workspace) {
        try {
            listener.accept(workspace);
        } catch (RuntimeException e) {
            // the event is stored, and the polls read it; the change it records must not fail now
        }
    }

    @Override
    public List<RecordedAuditEvent> after(WorkspaceId workspace, long afterId, int limit) {
        return log.after(workspace, afterId, limit);
    }

    @Override
    public long latestId(WorkspaceId workspace) {
        return log.latestId(workspace);
    }
}
