package dev.gatehouse.application.token.service;

import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which stored keys sign and which are published. A key's {@code createdAt} is the moment it may start to
 * sign: a rotation stores the next key with a time in the future, so every server publishes it in its JWKS
 * before any server signs with it. The newest key whose time has come signs. An older key stays published
 * until a newer one has been signing for longer than the longest token lifetime, when no live token can
 * carry its {@code kid} any more.
 */
public record SigningKeySchedule(Duration maxTokenLifetime) {

    private static final Comparator<StoredSigningKey> OLDEST_FIRST =
            Comparator.comparing(StoredSigningKey::createdAt).thenComparing(StoredSigningKey::kid);

    /** The key that signs at {@code now}: the newest active one (the oldest key if none is active yet). */
    public StoredSigningKey signingKey(List<StoredSigningKey> keys, Instant now) {
        List<StoredSigningKey> sorted = keys.stream().sorted(OLDEST_FIRST).toList();
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no signing key is stored");
        }
        StoredSigningKey current = sorted.get(0);
        for (StoredSigningKey key : sorted) {
            if (!key.createdAt().isAfter(now)) {
                current = key;
            }
        }
        return current;
    }

    /** The keys to publish at {@code now}: the signing key, every key still to come, and those that may still verify. */
    public List<StoredSigningKey> published(List<StoredSigningKey> keys, Instant now) {
        StoredSigningKey signing = signingKey(keys, now);
        return keys.stream().sorted(OLDEST_FIRST)
                .filter(key -> !key.createdAt().isBefore(signing.createdAt())
                        || !now.isAfter(successorStart(keys, key).plus(maxTokenLifetime)))
                .toList();
    }

    /** Whether a new key is due: the newest stored key started signing longer than {@code interval} ago. */
    public boolean rotationDue(List<StoredSigningKey> keys, Instant now, Duration interval) {
        Optional<StoredSigningKey> newest = keys.stream().max(OLDEST_FIRST);
        return newest.isEmpty() || !newest.get().createdAt().plus(interval).isAfter(now);
    }

    private static Instant successorStart(List<StoredSigningKey> keys, StoredSigningKey key) {
        return keys.stream().filter(k -> OLDEST_FIRST.compare(k, key) > 0).map(StoredSigningKey::createdAt)
                .min(Comparator.naturalOrder()).orElse(Instant.MAX);
    }
}
