package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Workspaces and memberships in memory, with the uniqueness rules of the database. */
public final class InMemoryWorkspaceRepository implements WorkspaceRepository {

    private final Map<WorkspaceId, Workspace> workspaces = new HashMap<>();
    private final Map<MembershipKey, Membership> memberships = new HashMap<>();

    private record MembershipKey(WorkspaceId workspace, UserId user) {}

    @Override
    public synchronized void add(Workspace workspace) {
        checkCanAdd(workspace);
        workspaces.put(workspace.id(), workspace);
    }

    @Override
    public synchronized Optional<Workspace> findById(WorkspaceId id) {
        return Optional.ofNullable(workspaces.get(id));
    }

    @Override
    public synchronized void putMembership(Membership membership) {
        Objects.requireNonNull(membership, "membership");
        memberships.put(new MembershipKey(membership.workspaceId(), membership.userId()), membership);
    }

    @Override
    public synchronized Optional<Membership> findMembership(WorkspaceId workspace, UserId user) {
        return Optional.ofNullable(memberships.get(new MembershipKey(workspace, user)));
    }

    @Override
    public synchronized List<Workspace> findWorkspacesOf(UserId user) {
        return memberships.values().stream()
                .filter(m -> m.userId().equals(user))
                .map(m -> workspaces.get(m.workspaceId()))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Workspace::createdAt).thenComparing(w -> w.id().value()))
                .toList();
    }

    synchronized boolean isEmpty() {
        return workspaces.isEmpty();
    }

    synchronized void checkCanAdd(Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        if (workspaces.containsKey(workspace.id())) {
            throw new IllegalStateException("duplicate workspace id " + workspace.id());
        }
    }
}
