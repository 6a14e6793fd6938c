package dev.gatehouse.domain.workspace;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Pipedream Connect project inside a workspace; OAuth clients may be restricted to a list of them. The
 * optional fields are stored and echoed as given.
 */
public record Project(
        ProjectId id,
        WorkspaceId workspaceId,
        String name,
        Optional<String> appName,
        Optional<String> supportEmail,
        boolean connectRequireKeyAuthTest,
        Instant createdAt) {

    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        name = Text.requireName(name, "name", 200);
        Objects.requireNonNull(appName, "appName");
        appName = appName.map(a -> Text.requireName(a, "app_name", 200));
        Objects.requireNonNull(supportEmail, "supportEmail");
        supportEmail = supportEmail.map(Text::requireEmail);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Project(ProjectId id, WorkspaceId workspaceId, String name, Instant createdAt) {
        this(id, workspaceId, name, Optional.empty(), Optional.empty(), false, createdAt);
    }
}
