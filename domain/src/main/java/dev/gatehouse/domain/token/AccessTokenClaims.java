package dev.gatehouse.domain.token;

import com.google.common.collect.ImmutableSet;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a Gatehouse access token. {@code sub} and {@code client_id} are both the client's id;
 * {@code projects} is present only for a client restricted to projects.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.2">RFC 9068 §2.2</a>
 */
public record AccessTokenClaims(
        String issuer,
        String audience,
        ClientId clientId,
        WorkspaceId workspaceId,
        ScopeSet scope,
        Optional<ImmutableSet<ProjectId>> projects,
        Instant issuedAt,
        Instant notBefore,
        Instant expiresAt,
        String jwtId,
        int clientGeneration) {

    public AccessTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jwtId, "jwtId");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
        if (clientGeneration < 0) {
            throw new IllegalArgumentException("the client generation starts at 0");
        }
    }

    /** Claims of a client that never revoked its tokens (generation 0). */
    public AccessTokenClaims(String issuer, String audience, ClientId clientId, WorkspaceId workspaceId, ScopeSet scope,
                             Optional<ImmutableSet<ProjectId>> projects, Instant issuedAt, Instant notBefore, Instant expiresAt,
                             String jwtId) {
        this(issuer, audience, clientId, workspaceId, scope, projects, issuedAt, notBefore, expiresAt, jwtId, 0);
    }

    public boolean isLiveAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(expiresAt);
    }
}
