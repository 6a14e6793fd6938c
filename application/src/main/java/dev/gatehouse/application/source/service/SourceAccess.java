package dev.gatehouse.application.source.service;

import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceId;

/**
 * Finds a source for a caller: a user must be a member of its workspace, a client must belong to it.
 * Anyone else is told it does not exist.
 */
final class SourceAccess {

    private final SourceRepository sources;
    private final WorkspaceAccess workspaces;

    SourceAccess(SourceRepository sources, WorkspaceAccess workspaces) {
        this.sources = sources;
        this.workspaces = workspaces;
    }

    EventSource require(Principal caller, SourceId id) {
        EventSource source = sources.findById(id).orElseThrow(() -> notFound(id));
        if (caller instanceof Principal.User user) {
            try {
                workspaces.requireMember(user.userId(), source.workspaceId());
            } catch (NotFoundException e) {
                throw notFound(id);
            }
        } else if (caller instanceof Principal.WorkspaceClient client && !client.workspaceId().equals(source.workspaceId())) {
            throw notFound(id);
        }
        return source;
    }

    private static NotFoundException notFound(SourceId id) {
        return new NotFoundException("source " + id + " not found");
    }
}
