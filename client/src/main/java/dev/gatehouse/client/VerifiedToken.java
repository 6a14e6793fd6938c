package dev.gatehouse.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The claims of an access token that {@link TokenVerifier} accepted (contract §3, RFC 9068).
 *
 * @param subject     {@code sub}
 * @param clientId    {@code client_id}
 * @param scopes      the space-separated {@code scope}, as a set
 * @param workspaceId {@code workspace_id}, or {@code null} when the token has none
 * @param projects    {@code projects}; empty when the client is not restricted to projects
 * @param expiresAt   {@code exp}
 */
public record VerifiedToken(String subject, String clientId, Set<String> scopes, String workspaceId,
        List<String> projects, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
        projects = List.copyOf(projects);
    }

    /** Whether this token's scopes grant {@code needed}, by the wildcard rules of {@link #grants(Set, String)}. */
    public boolean hasScope(String needed) {
        return grants(scopes, needed);
    }

    /**
     * The scope rules of contract §4: {@code *} grants everything, a scope ending in {@code :*} grants everything
     * under its prefix ({@code connect:*} grants {@code connect:projects:read}, but not {@code connect} itself), and
     * any other scope grants only itself.
     */
    public static boolean grants(Set<String> granted, String needed) {
        Objects.requireNonNull(needed, "needed");
        for (String scope : granted) {
            if (scope.equals("*") || scope.equals(needed)) {
                return true;
            }
            if (scope.endsWith(":*") && needed.startsWith(scope.substring(0, scope.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
