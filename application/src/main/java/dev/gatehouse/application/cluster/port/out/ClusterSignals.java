package dev.gatehouse.application.cluster.port.out;

import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.WorkspaceId;

/**
 * Tells the other servers sharing the database that something changed, so that they act on it at once
 * rather than at their next periodic check: credentials were revoked or changed, or a membership was
 * changed (they re-read the revocations and forget the memberships they remembered), an event was
 * appended to a source (they forward it to their open streams), or an audit event was stored (their open audit
 * streams of that workspace read the log). Signals are best effort: a lost one is made
 * good by the periodic check, or by the memberships' one-second expiry. A server ignores its own signals.
 */
public interface ClusterSignals {

    void credentialsChanged();

    void eventAppended(SourceId source, long sequence);

    /** An audit event of {@code workspace} is stored (committed). Servers that cannot carry it tell nothing. */
    default void auditRecorded(WorkspaceId workspace) {
    }

    /** Starts delivering other servers' signals to {@code listener}, on a thread of the implementation's. */
    void listen(Listener listener);

    /** What a server does with other servers' signals. */
    interface Listener {

        /**
         * Credentials or memberships changed elsewhere; also called after a lost connection, since signals may have
         * been missed.
         */
        void credentialsChanged();

        void eventAppended(SourceId source, long sequence);

        /** Another server stored an audit event of {@code workspace}. */
        default void auditRecorded(WorkspaceId workspace) {
        }
    }

    /** Signals for a database only one server uses (H2): nothing to tell anyone. */
    ClusterSignals NONE = new ClusterSignals() {
        @Override
        public void credentialsChanged() {
        }

        @Override
        public void eventAppended(SourceId source, long sequence) {
        }

        @Override
        public void listen(Listener listener) {
        }
    };
}
