package dev.gatehouse.application.token.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.token.port.in.IssuedAccessToken;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --token-reuse on}: remembers the last token signed for each client, scope and audience, and hands
 * it back while more than half its life remains, instead of signing a new one
 * (ADR 0006, {@code docs/adr/0006-token-reuse.md}).
 *
 * <p>A remembered token is handed back only if nothing has changed since it was signed: the client's
 * {@code version} (moved on by every change: scopes, projects, rotation, deletion) and token generation are
 * the same, its {@code jti} is not on the denylist, and the client still accepts its generation as far as
 * this server's revocations know. The cache holds at most {@code maximumSize} entries, each for at most
 * half a token's life.
 */
public final class TokenReuse {

    private static final TokenReuse OFF = new TokenReuse();

    private final CredentialRevocations revocations;
    private final Duration halfLife;
    private final Cache<Key, Entry> tokens;

    private TokenReuse() {
        this.revocations = null;
        this.halfLife = Duration.ZERO;
        this.tokens = null;
    }

    public TokenReuse(CredentialRevocations revocations, Duration tokenTtl, long maximumSize) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        if (tokenTtl.isNegative() || tokenTtl.isZero() || maximumSize <= 0) {
            throw new IllegalArgumentException("token reuse needs a positive lifetime and cache size");
        }
        this.halfLife = tokenTtl.dividedBy(2);
        this.tokens = CacheBuilder.newBuilder().maximumSize(maximumSize).expireAfterWrite(halfLife).build();
    }

    /** {@code --token-reuse off}: every request signs a new token. */
    public static TokenReuse off() {
        return OFF;
    }

    public boolean isOn() {
        return tokens != null;
    }

    /**
     * The client's remembered token for {@code scope} (as granted, space-separated) and {@code audience}, if
     * it is still good to hand back at {@code now}, with {@code expires_in} set to its remaining life.
     */
    public Optional<IssuedAccessToken> reusable(OAuthClient client, String scope, String audience, Instant now) {
        if (tokens == null) {
            return Optional.empty();
        }
        Key key = new Key(client.clientId(), scope, audience);
        Entry entry = tokens.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        AccessTokenClaims claims = entry.claims();
        Duration remaining = Duration.between(now, claims.expiresAt());
        boolean unchanged = entry.clientVersion() == client.version()
                && claims.clientGeneration() == client.tokenGeneration()
                && client.isActive()
                && claims.projects().equals(client.projects().restrictedTo());
        boolean live = remaining.compareTo(halfLife) > 0
                && !revocations.isTokenRevoked(claims.jwtId())
                && revocations.clientAccepts(client.clientId(), claims.clientGeneration());
        if (!unchanged || !live) {
            tokens.asMap().remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(new IssuedAccessToken(entry.token(), claims.issuedAt(), remaining.toSeconds(), claims.scope()));
    }

    /** Remembers a token just signed for {@code client}. */
    public void remember(OAuthClient client, String audience, AccessTokenClaims claims, String token) {
        if (tokens == null) {
            return;
        }
        tokens.put(new Key(client.clientId(), claims.scope().toParameter(), audience), new Entry(token, claims, client.version()));
    }

    /** How many tokens are remembered now (for tests and metrics). */
    public long size() {
        if (tokens == null) {
            return 0;
        }
        tokens.cleanUp();
        return tokens.size();
    }

    private record Key(ClientId clientId, String scope, String audience) {}

    private record Entry(String token, AccessTokenClaims claims, long clientVersion) {}
}
