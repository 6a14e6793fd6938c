package dev.gatehouse.domain.source;

import dev.gatehouse.domain.workspace.Text;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/** An event source of a workspace: events are emitted to it and streamed from it over SSE. */
public record EventSource(SourceId id, WorkspaceId workspaceId, String name, UserId createdBy, Instant createdAt) {
    public EventSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        name = Text.requireName(name, "name", 200);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
