package dev.gatehouse.application.token.service;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.shared.RecentReads;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OAuth clients that client authentication at the OAuth endpoints read in the last second, so that a
 * client asking for tokens many times a second (the load that {@code --token-reuse on} serves without a
 * signature) does not query the database on every request.
 *
 * <p>A change counts at once on this server: every change to a client is audited (a deleted project taken out of
 * its clients' restrictions too), and each stored audit event, once committed, calls {@link #changed()}, which
 * forgets every remembered client (changes are rare, so forgetting them all costs nothing that matters). A read that
 * was under way when the change was made is not remembered, so a client read before its secret was rotated or
 * it was deleted can never outlive the change here ({@link RecentReads}). Other servers forget theirs when they receive the cluster
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

    private final RecentReads<ClientId, OAuthClient> recent;
    private final Function<ClientId, Optional<OAuthClient>> read;

    public RecentClients(OAuthClientRepository clients, Clock clock) {
        this(clients, clock, RECENT);
    }

    /**
     * Trusting a read for {@code trusted} instead of {@link #RECENT}: tests make it long, so that only a change can end it.
     *
     * @throws IllegalArgumentException when {@code trusted} is not positive
     */
    public RecentClients(OAuthClientRepository clients, Clock clock, Duration trusted) {
        this.recent = new RecentReads<>(clock, trusted, MAX_ENTRIES, true);
        this.read = clients::findByClientId;
    }

    /** The client with this id, or none: remembered if read in the last second and nothing changed since. */
    public Optional<OAuthClient> findByClientId(ClientId clientId) {
        return recent.find(clientId, read);
    }

    /** A client may have changed, here (after it was stored) or on another server: forgets them all. */
    public void changed() {
        recent.forget();
    }
}
