package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Signing keys in memory, unique by {@code kid}. */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    private final Map<String, StoredSigningKey> byKid = new LinkedHashMap<>();

    @Override
    public synchronized List<StoredSigningKey> findAll() {
        return byKid.values().stream()
                .sorted(Comparator.comparing(StoredSigningKey::createdAt).thenComparing(StoredSigningKey::kid))
                .toList();
    }

    @Override
    public synchronized boolean add(StoredSigningKey key) {
        Objects.requireNonNull(key, "key");
        return byKid.putIfAbsent(key.kid(), key) == null;
    }
}
