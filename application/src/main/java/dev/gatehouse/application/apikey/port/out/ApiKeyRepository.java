package dev.gatehouse.application.apikey.port.out;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.util.Optional;

/** Stores users' API keys by their hash. */
public interface ApiKeyRepository {

    void save(ApiKey key);

    /** The key, live or revoked, whose hash this is. */
    Optional<ApiKey> findByHash(SecretHash hash);

    /** The user's live key, if any. */
    Optional<ApiKey> findLiveByUser(UserId user);
}
