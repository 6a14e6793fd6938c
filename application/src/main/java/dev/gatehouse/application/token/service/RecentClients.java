package dev.gatehouse.application.token.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OAuth clients that client authentication at the OAuth endpoints read in the last second, so that a
 * client asking for tokens many times a second (the load that {@code --token-reuse on} serves without a
 * signature) does not query the database on every request.
 *
 * <p>A change counts at once on this server: every change to a client is audited (a deleted project taken out of
 * its clients' restrictions too), and each stored audit event, once committed, calls {@link #changed()}, which
 * forgets every remembered client (changes are rare, so forgetting them all costs nothing that matters). A read that
 * was under way when the change was made is not remembered, so a client read before its secret was rotated or
 * it was deleted can never outlive the change here. Other servers forget theirs when they receive the cluster
 * signal of the audit event (or a credentials signal, which also follows every reconnection); should the signal be lost, an entry is forgotten a second after it was read, the delay
 * that contract §9 allows between servers.
 *
 * <p>An id that names no client is remembered as such too, so that a request with an unknown {@code client_id}
 * takes the same path as one with a known id (no database read when the id was asked for in the last second),
 * as {@link ClientAuthenticator} wants. Client ids are random and made by the server, so no id can be asked for
 * before its client exists. At most 10,000 ids are remembered; a flood of made-up ids only pushes others out,
 * which then cost a read again, as before this class.
 *
 * <p>Only client authentication uses this: the admin API and the bearer check read the database.
 */
public final class RecentClients {

    /** How long a client read from the store is trusted without a change being heard of. */
    public static final Duration RECENT = Duration.ofSeconds(1);
    private static final int MAX_ENTRIES = 10_000;

    private final OAuthClientRepository clients;
    private final Clock clock;
    private final long recentMillis;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<ClientId, Entry> recent = CacheBuilder.newBuilder().maximumSize(MAX_ENTRIES).build();

    public RecentClients(OAuthClientRepository clients, Clock clock) {
        this(clients, clock, RECENT);
    }

    /** Trusting a read for {@code trusted} instead of {@link #RECENT}: tests make it long, so that only a change can end it. */
    public RecentClients(OAuthClientRepository clients, Clock clock, Duration trusted) {
        if (trusted.isNegative() || trusted.isZero()) {
            throw new IllegalArgumentException("a client must be trusted for a positive time");
        }
        this.clients = clients;
        this.clock = clock;
        this.recentMillis = trusted.toMillis();
    }

    /** The client with this id, or none: remembered if read in the last second and nothing changed since. */
    public Optional<OAuthClient> findByClientId(ClientId clientId) {
        long current = generation.get();
        long now = clock.millis();
        Entry entry = recent.getIfPresent(clientId);
        if (entry != null && entry.generation == current && now < entry.expiresAtMillis) {
            return entry.client;
        }
        Optional<OAuthClient> found = clients.findByClientId(clientId);
        // stamped with the generation from before the read: if a change was made while it was read, the entry is
        // never used, so a read that began before a rotation cannot outlive it
        recent.put(clientId, new Entry(found, current, now + recentMillis));
        return found;
    }

    /** A client may have changed, here (after it was stored) or on another server: forgets them all. */
    public void changed() {
        generation.incrementAndGet();
        recent.invalidateAll();
    }

    private record Entry(Optional<OAuthClient> client, long generation, long expiresAtMillis) {
    }
}
