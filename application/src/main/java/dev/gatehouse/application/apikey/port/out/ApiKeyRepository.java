package dev.gatehouse.application.apikey.port.out;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores users' API keys by their hash. */
public interface ApiKeyRepository {

    void save(ApiKey key);

    /** The key, live or revoked, whose hash this is. */
    Optional<ApiKey> findByHash(SecretHash hash);

    /** The user's live key, if any. */
    Optional<ApiKey> findLiveByUser(UserId user);

    /**
     * In one transaction, marks {@code current} revoked at {@code revokedAt} and stores {@code next}. Returns
     * false, changing nothing, when {@code current} is unknown or already revoked (a concurrent revocation won).
     */
    boolean replace(ApiKeyId current, Instant revokedAt, ApiKey next);

    /** The keys revoked at or after {@code since}, so that every server can drop them from its caches. */
    List<ApiKey> revokedSince(Instant since);
}
