package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.RevokedTokenRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The denylist of revoked tokens in memory, one entry per {@code jti}; the first revocation of a token is kept. */
public final class InMemoryRevokedTokenRepository implements RevokedTokenRepository {

    private final Map<String, RevokedToken> byJti = new LinkedHashMap<>();

    @Override
    public synchronized void add(RevokedToken token) {
        Objects.requireNonNull(token, "token");
        byJti.putIfAbsent(token.jti(), token);
    }

    @Override
    public synchronized List<RevokedToken> revokedSince(Instant since, Instant now) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(now, "now");
        return byJti.values().stream()
                .filter(t -> !t.revokedAt().isBefore(since) && t.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(RevokedToken::revokedAt))
                .toList();
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int before = byJti.size();
        byJti.values().removeIf(t -> !t.expiresAt().isAfter(now));
        return before - byJti.size();
    }
}
