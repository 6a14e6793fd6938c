package dev.gatehouse.domain.audit;

import com.google.common.collect.ImmutableMap;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The closed family of security events: who did what, when, to which workspace. Never carries a secret. */
public sealed interface AuditEvent {

    WorkspaceId workspaceId();

    Instant at();

    /** The event's wire name, such as {@code oauth_client.created}. */
    String type();

    /** The event's other fields, by wire name: who and what, never a secret. */
    Map<String, String> details();

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

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("owner", owner.value());
        }
    }

    /** An admin created an OAuth client. */
    record OAuthClientCreated(WorkspaceId workspaceId, UserId actor, String sourceIp, OAuthClientRecordId clientRecordId,
                              ClientId clientId, String name, Instant at) implements AuditEvent {
        public OAuthClientCreated {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(sourceIp, "sourceIp");
            Objects.requireNonNull(clientRecordId, "clientRecordId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
        }

        /** A creation whose source address is not known (made other than through the HTTP API). */
        public OAuthClientCreated(WorkspaceId workspaceId, UserId actor, OAuthClientRecordId clientRecordId, ClientId clientId,
                                  String name, Instant at) {
            this(workspaceId, actor, "unknown", clientRecordId, clientId, name, at);
        }

        @Override
        public String type() {
            return "oauth_client.created";
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("actor", actor.value(), "source_ip", sourceIp, "client_record_id", clientRecordId.value(),
                    "client_id", clientId.value(), "name", name);
        }
    }

    /**
     * A known client failed to authenticate {@code count} times in the minute starting at {@code windowStart}:
     * failures are recorded once per client and minute, not once per request.
     */
    record ClientAuthenticationFailures(WorkspaceId workspaceId, ClientId clientId, int count, Instant windowStart,
                                        Instant at) implements AuditEvent {
        public ClientAuthenticationFailures {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(at, "at");
            if (count < 1) {
                throw new IllegalArgumentException("count must be positive");
            }
        }

        @Override
        public String type() {
            return "oauth_client.authentication_failed";
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("client_id", clientId.value(), "count", Integer.toString(count),
                    "window_start", windowStart.toString());
        }
    }

    /** A user revoked their API key and got a new one (recorded in each workspace they belong to). */
    record ApiKeyRevoked(WorkspaceId workspaceId, UserId user, Instant at) implements AuditEvent {
        public ApiKeyRevoked {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "api_key.revoked";
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("user_id", user.value());
        }
    }

    /** A client revoked an access token of the workspace (RFC 7009). */
    record AccessTokenRevoked(WorkspaceId workspaceId, ClientId revokedBy, ClientId tokenClient, String jti, Instant at)
            implements AuditEvent {
        public AccessTokenRevoked {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(revokedBy, "revokedBy");
            Objects.requireNonNull(tokenClient, "tokenClient");
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "access_token.revoked";
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("revoked_by", revokedBy.value(), "client_id", tokenClient.value(), "jti", jti);
        }
    }

    /**
     * An admin changed an OAuth client: {@code action} is {@code updated}, {@code secret_rotated} or
     * {@code deleted}; {@code note} says what (changed fields, grace period, whether tokens were revoked).
     */
    record OAuthClientChanged(WorkspaceId workspaceId, UserId actor, String sourceIp, String action, ClientId clientId,
                              String note, Instant at) implements AuditEvent {
        public OAuthClientChanged {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(sourceIp, "sourceIp");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "oauth_client." + action;
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("actor", actor.value(), "source_ip", sourceIp, "client_id", clientId.value(), "note", note);
        }
    }

    /** A client created, changed or deleted a project ({@code action}: created, updated, deleted). */
    record ProjectChanged(WorkspaceId workspaceId, ClientId actor, String sourceIp, String action, String projectId, Instant at)
            implements AuditEvent {
        public ProjectChanged {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(sourceIp, "sourceIp");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(at, "at");
        }

        /** A change whose source address is not known (made other than through the HTTP API). */
        public ProjectChanged(WorkspaceId workspaceId, ClientId actor, String action, String projectId, Instant at) {
            this(workspaceId, actor, "unknown", action, projectId, at);
        }

        @Override
        public String type() {
            return "project." + action;
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("actor", actor.value(), "source_ip", sourceIp, "project_id", projectId);
        }
    }

    /**
     * An admin changed the workspace's members ({@code action}: added, role_changed, removed,
     * ownership_transferred); {@code role} is the member's role afterwards ({@code none} when removed).
     */
    record MemberChanged(WorkspaceId workspaceId, UserId actor, String sourceIp, String action, UserId member, String role,
                         Instant at) implements AuditEvent {
        public MemberChanged {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(sourceIp, "sourceIp");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "member." + action;
        }

        @Override
        public Map<String, String> details() {
            return ImmutableMap.of("actor", actor.value(), "source_ip", sourceIp, "user_id", member.value(), "role", role);
        }
    }
}
