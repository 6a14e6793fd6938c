package dev.gatehouse.application.client.port.in;

import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Create an OAuth client in {@code workspace}, on behalf of the admin {@code actor}. Absent scopes mean
 * {@code ["*"]}; absent projects mean all projects.
 */
public record CreateOAuthClientCommand(UserId actor, String sourceIp, WorkspaceId workspace, String name,
                                       Optional<List<String>> scopes, Optional<List<String>> projects) {
    public CreateOAuthClientCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(projects, "projects");
    }

    /** A command whose source address is not known (made other than through the HTTP API). */
    public CreateOAuthClientCommand(UserId actor, WorkspaceId workspace, String name, Optional<List<String>> scopes,
                                    Optional<List<String>> projects) {
        this(actor, "unknown", workspace, name, scopes, projects);
    }
}
