package dev.gatehouse.application.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.shared.port.out.Transactions;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import dev.gatehouse.application.testing.InMemoryStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnnouncingAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final WorkspaceId ONE = new WorkspaceId("o_announceOne");
    private static final WorkspaceId TWO = new WorkspaceId("o_announceTwo");
    private static final UserId USER = new UserId("u_announce");

    private final CountingTransactions transactions = new CountingTransactions();
    /** What the listener was told, and how many transactions had committed when it was told. */
    private final List<String> told = new ArrayList<>();
    private AuditLog store;
    private AnnouncingAuditLog log;

    @BeforeEach
    void setUp() {
        store = InMemoryStores.create().audit();
        log = new AnnouncingAuditLog(store, transactions);
        log.onStored(workspace -> told.add(workspace.value() + " after " + transactions.committed + " commits, "
                + store.after(workspace, 0, 100).size() + " stored"));
    }

    private static AuditEvent revoked(WorkspaceId workspace) {
        return new AuditEvent.ApiKeyRevoked(workspace, USER, T0);
    }

    @Test
    void anEventRecordedOutsideATransactionIsToldOfOnceStored() {
        log.record(revoked(ONE));

        assertThat(told).containsExactly("o_announceOne after 0 commits, 1 stored");
        assertThat(store.after(ONE, 0, 10)).hasSize(1);
        assertThat(log.latestId(ONE)).isEqualTo(store.latestId(ONE));
        assertThat(log.after(ONE, 0, 10)).isEqualTo(store.after(ONE, 0, 10));
    }

    @Test
    void eventsRecordedInATransactionAreToldOfAfterItCommitsOncePerWorkspace() {
        String result = log.inTransaction(() -> {
            log.record(revoked(ONE));
            log.record(revoked(TWO));
            log.record(revoked(ONE));
            assertThat(told).as("nothing is told before the commit").isEmpty();
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(told).containsExactly("o_announceOne after 1 commits, 2 stored", "o_announceTwo after 1 commits, 1 stored");
    }

    @Test
    void aFailedTransactionTellsOfNothingAndTheNextOneStillTells() {
        assertThatThrownBy(() -> log.inTransaction(() -> {
            log.record(revoked(ONE));
            throw new IllegalStateException("conflict");
        })).isInstanceOf(IllegalStateException.class).hasMessage("conflict");

        assertThat(told).isEmpty();
        log.inTransaction(() -> {
            log.record(revoked(TWO));
            return null;
        });
        log.record(revoked(ONE));
        assertThat(told).containsExactly("o_announceTwo after 1 commits, 1 stored", "o_announceOne after 1 commits, 2 stored");
    }

    @Test
    void aTransactionInsideAnotherTellsOnlyAfterTheOutermostCommits() {
        log.inTransaction(() -> {
            log.inTransaction(() -> {
                log.record(revoked(ONE));
                return null;
            });
            assertThat(told).isEmpty();
            return null;
        });

        assertThat(told).containsExactly("o_announceOne after 1 commits, 1 stored");
    }

    @Test
    void aListenerThatFailsNeitherFailsTheChangeNorKeepsOtherWorkspacesFromBeingTold() {
        List<WorkspaceId> reached = new ArrayList<>();
        log.onStored(workspace -> {
            reached.add(workspace);
            throw new IllegalStateException("listener broken");
        });

        log.record(revoked(ONE));
        String result = log.inTransaction(() -> {
            log.record(revoked(ONE));
            log.record(revoked(TWO));
            return "stored";
        });

        assertThat(result).isEqualTo("stored");
        assertThat(reached).containsExactly(ONE, ONE, TWO);
        assertThat(store.after(ONE, 0, 10)).hasSize(2);
    }

    /** Counts the commits of outermost transactions; a failed one does not commit. */
    private static final class CountingTransactions implements Transactions {
        private int depth;
        int committed;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            depth++;
            try {
                T result = work.get();
                if (depth == 1) {
                    committed++;
                }
                return result;
            } finally {
                depth--;
            }
        }
    }
}
