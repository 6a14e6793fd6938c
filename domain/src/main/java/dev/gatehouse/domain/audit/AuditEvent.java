package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/** The closed family of security events: who did what, when, to which workspace. Never carries a secret. */
public sealed interface AuditEvent {

    WorkspaceId workspaceId();

    Instant at();

    /** The event's wire name, such as {@code oauth_client.created}. */
    String type();

    /** The first start of an empty database made this workspace and its owner. */
    record WorkspaceBootstrapped(WorkspaceId workspaceId, UserId owner, Instant at) implements AuditEvent {
        public WorkspaceBootstrapped {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "workspace.bootstrapped";
        }
    }

    /** An admin created an OAuth client. */
    record OAuthClientCreated(WorkspaceId workspaceId, UserId actor, OAuthClientRecordId clientRecordId,
                              ClientId clientId, String name, Instant at) implements AuditEvent {
        public OAuthClientCreated {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(clientRecordId, "clientRecordId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "oauth_client.created";
        }
    }

    /** A known client presented a wrong secret at the token endpoint. */
    record ClientAuthenticationFailed(WorkspaceId workspaceId, ClientId clientId, Instant at) implements AuditEvent {
        public ClientAuthenticationFailed {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "oauth_client.authentication_failed";
        }
    }
}
