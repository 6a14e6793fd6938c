package dev.gatehouse.domain.principal;

import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/** Who is calling: an OAuth client acting for its workspace, or a user acting through their API key. */
public sealed interface Principal {

    /** An OAuth access token: its client acts for one workspace, within the token's scopes and projects. */
    record WorkspaceClient(ClientId clientId, WorkspaceId workspaceId, ScopeSet scopes, ProjectAccess projects,
                           String tokenId, Instant expiresAt, int tokenGeneration) implements Principal {
        public WorkspaceClient {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(projects, "projects");
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** A token of generation 0 (its client never revoked its tokens). */
        public WorkspaceClient(ClientId clientId, WorkspaceId workspaceId, ScopeSet scopes, ProjectAccess projects,
                               String tokenId, Instant expiresAt) {
            this(clientId, workspaceId, scopes, projects, tokenId, expiresAt, 0);
        }
    }

    /** A user's API key: the user acts across every workspace they belong to. */
    record User(UserId userId, ApiKeyId apiKeyId) implements Principal {
        public User {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(apiKeyId, "apiKeyId");
        }
    }
}
