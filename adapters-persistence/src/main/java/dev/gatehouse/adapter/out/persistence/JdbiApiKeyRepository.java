package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** API keys in the {@code api_keys} table, by the SHA-256 hash of the key; the key itself is never stored. */
public final class JdbiApiKeyRepository implements ApiKeyRepository {

    private static final ApiKeyMapper API_KEY = new ApiKeyMapper();

    private final Jdbi jdbi;

    public JdbiApiKeyRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Inserts a new key, or records the revocation of a stored one: a key's other fields never change. */
    @Override
    public void save(ApiKey key) {
        jdbi.useTransaction(handle -> {
            int updated = handle.createUpdate("""
                            UPDATE api_keys
                               SET revoked_at = :revokedAt
                             WHERE id = :id
                            """)
                    .bind("revokedAt", Sql.millis(key.revokedAt()))
                    .bind("id", key.id().value())
                    .execute();
            if (updated == 0) {
                insert(handle, key);
            }
        });
    }

    @Override
    public Optional<ApiKey> findByHash(SecretHash hash) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, user_id, hash, created_at, revoked_at, last_four
                          FROM api_keys
                         WHERE hash = :hash
                        """)
                .bind("hash", hash.hex())
                .map(API_KEY)
                .findOne());
    }

    @Override
    public Optional<ApiKey> findLiveByUser(UserId user) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, user_id, hash, created_at, revoked_at, last_four
                          FROM api_keys
                         WHERE user_id = :userId AND revoked_at IS NULL
                         ORDER BY created_at DESC, id DESC
                         FETCH FIRST 1 ROWS ONLY
                        """)
                .bind("userId", user.value())
                .map(API_KEY)
                .findFirst());
    }

    /**
     * Revokes {@code current} only while it is still live: of two servers replacing the same key at once, the
     * second one's update waits for the first to commit, then finds the key revoked, matches no row, and
     * inserts nothing.
     */
    @Override
    public boolean replace(ApiKeyId current, Instant revokedAt, ApiKey next) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(next, "next");
        return jdbi.inTransaction(handle -> {
            int revoked = handle.createUpdate("""
                            UPDATE api_keys
                               SET revoked_at = :revokedAt
                             WHERE id = :id AND revoked_at IS NULL
                            """)
                    .bind("revokedAt", Sql.millis(revokedAt))
                    .bind("id", current.value())
                    .execute();
            if (revoked == 0) {
                return false;
            }
            insert(handle, next);
            return true;
        });
    }

    @Override
    public List<ApiKey> revokedSince(Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, user_id, hash, created_at, revoked_at, last_four
                          FROM api_keys
                         WHERE revoked_at >= :since
                         ORDER BY revoked_at, id
                        """)
                .bind("since", Sql.millis(since))
                .map(API_KEY)
                .list());
    }

    static void insert(Handle handle, ApiKey key) {
        handle.createUpdate("""
                        INSERT INTO api_keys (id, user_id, hash, created_at, revoked_at, last_four)
                        VALUES (:id, :userId, :hash, :createdAt, :revokedAt, :lastFour)
                        """)
                .bind("id", key.id().value())
                .bind("userId", key.userId().value())
                .bind("hash", key.hash().hex())
                .bind("createdAt", Sql.millis(key.createdAt()))
                .bind("revokedAt", Sql.millis(key.revokedAt()))
                .bind("lastFour", key.lastFour().orElse(null))
                .execute();
    }
}
