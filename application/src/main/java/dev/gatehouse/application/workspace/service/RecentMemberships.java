package dev.gatehouse.application.workspace.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memberships that the read-only membership check of {@code GET /v1/workspaces/{id}} found in the last
 * second, so that a user API key reading its workspace does not query the database on every request.
 *
 * <p>A change counts at once on this server: {@link MemberService} calls {@link #changed()} after each
 * membership it adds, changes or removes, which forgets every remembered membership (changes are rare, so
 * forgetting them all costs nothing that matters). A read that was under way when the change was made is
 * not remembered, so a membership read before a removal can never outlive it here. Other servers forget
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

    private final WorkspaceRepository workspaces;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<Key, Entry> recent = CacheBuilder.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final List<Runnable> localChangeListeners = new CopyOnWriteArrayList<>();

    public RecentMemberships(WorkspaceRepository workspaces, Clock clock) {
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** The user's membership of the workspace: remembered if read in the last second and nothing changed since. */
    public Optional<Membership> find(WorkspaceId workspace, UserId user) {
        Key key = new Key(workspace, user);
        long current = generation.get();
        long now = clock.millis();
        Entry entry = recent.getIfPresent(key);
        if (entry != null && entry.generation == current && now < entry.expiresAtMillis) {
            return Optional.of(entry.membership);
        }
        Optional<Membership> found = workspaces.findMembership(workspace, user);
        // remembered only if no change was made while it was read: a read that began before a removal must not outlive it
        if (found.isPresent() && generation.get() == current) {
            recent.put(key, new Entry(found.get(), current, now + RECENT.toMillis()));
        }
        return found;
    }

    /** A membership was added, changed or removed on this server (and stored): forgets all, then tells the listeners. */
    public void changed() {
        forget();
        localChangeListeners.forEach(Runnable::run);
    }

    /** Memberships may have changed on another server (a cluster signal, or a lost connection): forgets all. */
    public void changedElsewhere() {
        forget();
    }

    /** Calls {@code listener} after each membership change made on this server, so that other servers can be told at once. */
    public void onLocalChange(Runnable listener) {
        localChangeListeners.add(listener);
    }

    private void forget() {
        generation.incrementAndGet();
        recent.invalidateAll();
    }

    private record Key(WorkspaceId workspace, UserId user) {
    }

    private record Entry(Membership membership, long generation, long expiresAtMillis) {
    }
}
