package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Workspaces and memberships in memory, with the uniqueness rules of the database. Memberships keep the order
 * they were made in. It reads users from, and adds new members' users and keys to, the fakes it is given,
 * taking locks in the order workspaces, users, API keys, as {@link InMemoryInstallationRepository} does.
 */
public final class InMemoryWorkspaceRepository implements WorkspaceRepository {

    private final Map<WorkspaceId, Workspace> workspaces = new HashMap<>();
    private final Map<MembershipKey, Membership> memberships = new LinkedHashMap<>();
    private final InMemoryUserRepository users;
    private final InMemoryApiKeyRepository apiKeys;

    private record MembershipKey(WorkspaceId workspace, UserId user) {}

    public InMemoryWorkspaceRepository(InMemoryUserRepository users, InMemoryApiKeyRepository apiKeys) {
        this.users = users;
        this.apiKeys = apiKeys;
    }

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

    @Override
    public synchronized List<Member> members(WorkspaceId workspace) {
        return memberships.values().stream()
                .filter(m -> m.workspaceId().equals(workspace))
                .flatMap(m -> users.findById(m.userId()).map(u -> new Member(u, m.role())).stream())
                .toList();
    }

    @Override
    public synchronized boolean removeMembership(WorkspaceId workspace, UserId user) {
        MembershipKey key = new MembershipKey(workspace, user);
        Membership current = memberships.get(key);
        if (current == null || current.role() == Role.OWNER) {
            return false;
        }
        memberships.remove(key);
        return true;
    }

    @Override
    public synchronized boolean changeRoleUnlessOwner(WorkspaceId workspace, UserId user, Role role) {
        if (role == Role.OWNER) {
            throw new IllegalArgumentException("ownership moves only by a transfer");
        }
        Membership current = memberships.get(new MembershipKey(workspace, user));
        if (current == null || current.role() == Role.OWNER) {
            return false;
        }
        putMembership(new Membership(workspace, user, role));
        return true;
    }

    @Override
    public synchronized void transferOwnership(WorkspaceId workspace, UserId from, UserId to) {
        Membership owner = memberships.get(new MembershipKey(workspace, from));
        Membership next = memberships.get(new MembershipKey(workspace, to));
        if (owner == null || owner.role() != Role.OWNER || next == null || from.equals(to)) {
            throw new IllegalStateException("ownership moves only from the owner to another member");
        }
        putMembership(new Membership(workspace, from, Role.ADMIN));
        putMembership(new Membership(workspace, to, Role.OWNER));
    }

    @Override
    public synchronized void addMemberWithNewUser(User user, ApiKey apiKey, Membership membership) {
        Objects.requireNonNull(membership, "membership");
        synchronized (users) {
            synchronized (apiKeys) {
                users.checkCanAdd(user);
                apiKeys.checkCanSave(apiKey);
                if (!apiKey.userId().equals(user.id()) || !membership.userId().equals(user.id())) {
                    throw new IllegalArgumentException("the key and the membership must be the new user's");
                }
                users.add(user);
                apiKeys.save(apiKey);
                putMembership(membership);
            }
        }
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
