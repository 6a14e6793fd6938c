package dev.gatehouse.application.testing;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** API keys in memory. {@link #save} inserts or replaces by id; a hash belongs to one key only. */
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

    synchronized void checkCanSave(ApiKey key) {
        Objects.requireNonNull(key, "key");
        boolean hashTaken = byId.values().stream()
                .anyMatch(k -> k.hash().equals(key.hash()) && !k.id().equals(key.id()));
        if (hashTaken) {
            throw new IllegalStateException("duplicate API key hash");
        }
    }
}
