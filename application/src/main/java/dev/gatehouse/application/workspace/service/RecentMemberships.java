package dev.gatehouse.application.workspace.service;

import dev.gatehouse.application.shared.RecentReads;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The memberships that the read-only membership check of {@code GET /v1/workspaces/{id}} found in the last
 * second, so that a user API key reading its workspace does not query the database on every request.
 *
 * <p>A change counts at once on this server: {@link MemberService} calls {@link #changed()} after each
 * membership it adds, changes or removes, which forgets every remembered membership (changes are rare, so
 * forgetting them all costs nothing that matters). A read that was under way when the change was made is
 * not remembered, so a membership read before a removal can never outlive it here ({@link RecentReads}). Other servers forget
 * theirs when they receive the cluster signal that {@link #onLocalChange} listeners send; should the signal
 * be lost, an entry is forgotten a second after it was read, the delay that contract §9 allows between
 * servers. Only memberships that exist are remembered: a user added to a workspace is let in at once.
 *
 * <p>The admin checks of the other use cases do not use this; they read the database every time.
 */
public final class RecentMemberships {

    /** How long a membership read from the store is trusted without a change being heard of. */
    public static final Duration RECENT = Duration.ofSeconds(1);
    private static final int MAX_ENTRIES = 10_000;

    private final RecentReads<Key, Membership> recent;
    private final Function<Key, Optional<Membership>> read;
    private final List<Runnable> localChangeListeners = new CopyOnWriteArrayList<>();

    public RecentMemberships(WorkspaceRepository workspaces, Clock clock) {
        this.recent = new RecentReads<>(clock, RECENT, MAX_ENTRIES, false);
        this.read = key -> workspaces.findMembership(key.workspace(), key.user());
    }

    /** The user's membership of the workspace: remembered if read in the last second and nothing changed since. */
    public Optional<Membership> find(WorkspaceId workspace, UserId user) {
        return recent.find(new Key(workspace, user), read);
    }

    /** A membership was added, changed or removed on this server (and stored): forgets all, then tells the listeners. */
    public void changed() {
        recent.forget();
        localChangeListeners.forEach(Runnable::run);
    }

    /** Memberships may have changed on another server (a cluster signal, or a lost connection): forgets all. */
    public void changedElsewhere() {
        recent.forget();
    }

    /** Calls {@code listener} after each membership change made on this server, so that other servers can be told at once. */
    public void onLocalChange(Runnable listener) {
        localChangeListeners.add(listener);
    }

    private record Key(WorkspaceId workspace, UserId user) {
    }
}
