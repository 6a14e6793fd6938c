package dev.gatehouse.application.testing;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys in memory. {@link #save} inserts or replaces by id; a hash belongs to one key only; {@link #replace}
 * happens under the store's lock, so that of two racing replacements of one key exactly one wins.
 */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {

    private final Map<ApiKeyId, ApiKey> byId = new LinkedHashMap<>();

    @Override
    public synchronized void save(ApiKey key) {
        checkCanSave(key);
        byId.put(key.id(), key);
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(SecretHash hash) {
        return byId.values().stream().filter(k -> k.hash().equals(hash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiKey> findLiveByUser(UserId user) {
        return byId.values().stream()
                .filter(k -> k.userId().equals(user) && k.isLive())
                .max(Comparator.comparing(ApiKey::createdAt));
    }

    @Override
    public synchronized boolean replace(ApiKeyId current, Instant revokedAt, ApiKey next) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(revokedAt, "revokedAt");
        checkCanSave(next);
        if (byId.containsKey(next.id())) {
            throw new IllegalStateException("duplicate API key id " + next.id());
        }
        ApiKey old = byId.get(current);
        if (old == null || !old.isLive()) {
            return false;
        }
        byId.put(current, TestData.revoked(old, revokedAt));
        byId.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized List<ApiKey> revokedSince(Instant since) {
        Objects.requireNonNull(since, "since");
        return byId.values().stream()
                .filter(k -> k.revokedAt().filter(at -> !at.isBefore(since)).isPresent())
                .sorted(Comparator.comparing((ApiKey k) -> k.revokedAt().orElseThrow()))
                .toList();
    }

    synchronized void checkCanSave(ApiKey key) {
        Objects.requireNonNull(key, "key");
        boolean hashTaken = byId.values().stream()
                .anyMatch(k -> k.hash().equals(key.hash()) && !k.id().equals(key.id()));
        if (hashTaken) {
            throw new IllegalStateException("duplicate API key hash");
        }
    }
}
