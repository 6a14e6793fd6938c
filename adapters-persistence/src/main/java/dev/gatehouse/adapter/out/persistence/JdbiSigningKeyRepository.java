package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Token signing keys in the {@code signing_keys} table, private JWK included. */
public final class JdbiSigningKeyRepository implements SigningKeyRepository {

    private static final StoredSigningKeyMapper KEY = new StoredSigningKeyMapper();

    private final Jdbi jdbi;

    public JdbiSigningKeyRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<StoredSigningKey> findAll() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT kid, algorithm, private_jwk, created_at
                          FROM signing_keys
                         ORDER BY created_at, kid
                        """)
                .map(KEY)
                .list());
    }

    /** Stores the key; false when another key, perhaps stored by another server just now, has its kid. */
    @Override
    public boolean add(StoredSigningKey key) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            INSERT INTO signing_keys (kid, algorithm, private_jwk, created_at)
                            VALUES (:kid, :algorithm, :privateJwk, :createdAt)
                            """)
                    .bind("kid", key.kid())
                    .bind("algorithm", key.algorithm())
                    .bind("privateJwk", key.privateJwkJson())
                    .bind("createdAt", Sql.millis(key.createdAt()))
                    .execute());
            return true;
        } catch (JdbiException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
