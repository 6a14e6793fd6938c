package dev.gatehouse.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/** A workspace (Pipedream's org): the tenant that owns OAuth clients, projects and event sources. */
public record Workspace(WorkspaceId id, String orgname, String name, String email, Instant createdAt) {
    public Workspace {
        Objects.requireNonNull(id, "id");
        orgname = Text.requireName(orgname, "orgname", 100);
        name = Text.requireName(name, "name", 200);
        email = Text.requireEmail(email);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
