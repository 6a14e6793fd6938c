package dev.gatehouse.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/** A Pipedream Connect project inside a workspace; OAuth clients may be restricted to a list of them. */
public record Project(ProjectId id, WorkspaceId workspaceId, String name, Instant createdAt) {
    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        name = Text.requireName(name, "name", 200);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
