package dev.gatehouse.application.auth.service;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This server's view of what has been revoked: access tokens by {@code jti} (each kept only until the token
 * expires), API keys by id (kept for an hour, long enough for every open stream to notice), and the latest
 * state of each client changed lately (deleted, or its tokens revoked by a rotation). A revocation
 * made here counts at once; {@link #sync()}, run every second, picks up those made on other servers from
 * the shared database.
 */
public final class CredentialRevocations {

    /** Revocations made on another server up to this long before the last sync are read again, for clock skew. */
    private static final Duration SYNC_OVERLAP = Duration.ofSeconds(5);
    private static final Duration KEEP_REVOKED_KEYS = Duration.ofHours(1);
    /** No token lives longer than this, so a client change older than this can affect no live token. */
    private static final Duration KEEP_CLIENT_CHANGES = Duration.ofDays(1);

    private final RevokedTokenRepository revokedTokens;
    private final ApiKeyRepository apiKeys;
    private final OAuthClientRepository clients;
    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<ApiKeyId, Instant> keys = new ConcurrentHashMap<>();
    private final Map<ClientId, OAuthClient> changedClients = new ConcurrentHashMap<>();
    private final List<Consumer<ApiKeyId>> keyListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> localChangeListeners = new CopyOnWriteArrayList<>();
    private volatile Instant lastSync;

    public CredentialRevocations(RevokedTokenRepository revokedTokens, ApiKeyRepository apiKeys, OAuthClientRepository clients,
                                 Clock clock) {
        this.revokedTokens = revokedTokens;
        this.apiKeys = apiKeys;
        this.clients = clients;
        this.clock = clock;
        Instant now = clock.instant();
        revokedTokens.revokedSince(Instant.EPOCH, now).forEach(t -> tokens.put(t.jti(), t.expiresAt()));
        apiKeys.revokedSince(now.minus(KEEP_REVOKED_KEYS)).forEach(k -> keys.put(k.id(), k.revokedAt().orElse(now)));
        clients.refusingTokensChangedSince(now.minus(KEEP_CLIENT_CHANGES)).forEach(this::applyClient);
        this.lastSync = now;
    }

    /**
     * Whether the client still accepts a token of {@code generation}, as far as recent changes tell: false once
     * the client was deleted or disabled, or rotated with {@code revoke_tokens}. A client not changed lately
     * is judged by whoever checked it against the database.
     */
    public boolean clientAccepts(ClientId client, int generation) {
        OAuthClient changed = changedClients.get(client);
        return changed == null || (changed.isActive() && changed.acceptsTokenGeneration(generation));
    }

    /** Applies a client's new state here at once (after it was stored). */
    public void clientChanged(OAuthClient client) {
        applyClient(client);
        localChangeListeners.forEach(Runnable::run);
    }

    /**
     * Keeps the client's newest state. An active client that never revoked its tokens accepts every token it
     * issued, just as an absent entry says, so it is kept only to replace an earlier state: this keeps the
     * map to the clients that matter (a start after many new clients would otherwise load them all).
     */
    private void applyClient(OAuthClient client) {
        boolean acceptsAll = client.isActive() && client.tokenGeneration() == 0;
        changedClients.compute(client.clientId(), (id, old) -> {
            if (old == null) {
                return acceptsAll ? null : client;
            }
            return client.version() >= old.version() ? client : old;
        });
    }

    /** How many changed clients this server is holding. */
    public int changedClientCount() {
        return changedClients.size();
    }

    /**
     * Calls {@code listener} after each revocation or client change made on this server (not those learnt by
     * {@link #sync()}), so that other servers can be told at once.
     */
    public void onLocalChange(Runnable listener) {
        localChangeListeners.add(listener);
    }

    /** Calls {@code listener} with each API key revoked from now on, here or (after a sync) elsewhere. */
    public void onApiKeyRevoked(Consumer<ApiKeyId> listener) {
        keyListeners.add(listener);
    }

    public boolean isTokenRevoked(String jti) {
        return tokens.containsKey(jti);
    }

    public boolean isApiKeyRevoked(ApiKeyId id) {
        return keys.containsKey(id);
    }

    /** Stores a token revocation and applies it here at once. */
    public void revokeToken(RevokedToken token) {
        revokedTokens.add(token);
        tokens.put(token.jti(), token.expiresAt());
        localChangeListeners.forEach(Runnable::run);
    }

    /** Applies an API key revocation (already stored) here at once. */
    public void apiKeyRevoked(ApiKeyId id, Instant at) {
        applyApiKey(id, at);
        localChangeListeners.forEach(Runnable::run);
    }

    private void applyApiKey(ApiKeyId id, Instant at) {
        if (keys.put(id, at) == null) {
            keyListeners.forEach(l -> l.accept(id));
        }
    }

    /** Reads the revocations stored since the last sync, and forgets entries that no longer matter. */
    public synchronized void sync() {
        Instant now = clock.instant();
        Instant since = lastSync.minus(SYNC_OVERLAP);
        for (RevokedToken token : revokedTokens.revokedSince(since, now)) {
            tokens.put(token.jti(), token.expiresAt());
        }
        for (ApiKey key : apiKeys.revokedSince(since)) {
            applyApiKey(key.id(), key.revokedAt().orElse(now));
        }
        clients.refusingTokensChangedSince(since).forEach(this::applyClient);
        changedClients.values().removeIf(c -> c.updatedAt().isBefore(now.minus(KEEP_CLIENT_CHANGES)));
        tokens.values().removeIf(expiry -> !expiry.isAfter(now));
        keys.values().removeIf(at -> at.isBefore(now.minus(KEEP_REVOKED_KEYS)));
        lastSync = now;
    }

    /** Deletes the stored entries of expired tokens; run now and then. */
    public int purgeExpired() {
        return revokedTokens.purgeExpired(clock.instant());
    }

    /** How many revoked tokens this server is holding (they leave as they expire). */
    public int revokedTokenCount() {
        return tokens.size();
    }
}
