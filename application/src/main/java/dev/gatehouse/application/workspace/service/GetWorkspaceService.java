package dev.gatehouse.application.workspace.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.gatehouse.application.shared.InsufficientScopeException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.workspace.port.in.GetWorkspaceUseCase;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;

/**
 * Reads a workspace: users must be members, clients must belong to it and hold {@code workspace:read}. A user's
 * membership is checked through {@link RecentMemberships}, which a change made on this server empties at once.
 */
public final class GetWorkspaceService implements GetWorkspaceUseCase {

    public static final Scope WORKSPACE_READ = new Scope("workspace:read");

    /**
     * Workspaces read in the last second. A workspace's fields are never changed today; should they become
     * changeable, a change still shows within a second, the delay that contract §9 allows between servers.
     * It spares the database a read on every {@code GET /v1/workspaces/{id}}.
     */
    private static final Duration RECENT = Duration.ofSeconds(1);

    private final WorkspaceRepository workspaces;
    private final RecentMemberships memberships;
    private final Cache<WorkspaceId, Workspace> recent =
            CacheBuilder.newBuilder().maximumSize(10_000).expireAfterWrite(RECENT).build();

    public GetWorkspaceService(WorkspaceRepository workspaces, RecentMemberships memberships) {
        this.workspaces = workspaces;
        this.memberships = memberships;
    }

    @Override
    public Workspace get(Principal caller, WorkspaceId id) {
        if (caller instanceof Principal.User user) {
            if (memberships.find(id, user.userId()).isEmpty()) {
                throw new NotFoundException("workspace " + id + " not found");
            }
        } else if (caller instanceof Principal.WorkspaceClient client) {
            if (!client.workspaceId().equals(id)) {
                throw new NotFoundException("workspace " + id + " not found");
            }
            if (!client.scopes().grants(WORKSPACE_READ)) {
                throw new InsufficientScopeException(WORKSPACE_READ);
            }
        }
        Workspace found = recent.getIfPresent(id);
        if (found == null) {
            found = workspaces.findById(id).orElseThrow(() -> new NotFoundException("workspace " + id + " not found"));
            recent.put(id, found);
        }
        return found;
    }
}
