package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.RevokedTokenRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The access token denylist in the {@code revoked_tokens} table, by {@code jti}. A second revocation of a
 * token, here or by another server at the same moment, fails on the primary key and is ignored, so the
 * first one's entry stands.
 */
public final class JdbiRevokedTokenRepository implements RevokedTokenRepository {

    private static final RevokedTokenMapper TOKEN = new RevokedTokenMapper();

    private final Jdbi jdbi;

    public JdbiRevokedTokenRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(RevokedToken token) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            INSERT INTO revoked_tokens (jti, client_id, expires_at, revoked_at)
                            VALUES (:jti, :clientId, :expiresAt, :revokedAt)
                            """)
                    .bind("jti", token.jti())
                    .bind("clientId", token.clientId().value())
                    .bind("expiresAt", Sql.millis(token.expiresAt()))
                    .bind("revokedAt", Sql.millis(token.revokedAt()))
                    .execute());
        } catch (JdbiException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    @Override
    public List<RevokedToken> revokedSince(Instant since, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT jti, client_id, expires_at, revoked_at
                          FROM revoked_tokens
                         WHERE revoked_at >= :since AND expires_at > :now
                         ORDER BY revoked_at, jti
                        """)
                .bind("since", Sql.millis(since))
                .bind("now", Sql.millis(now))
                .map(TOKEN)
                .list());
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM revoked_tokens WHERE expires_at <= :now")
                .bind("now", Sql.millis(now))
                .execute());
    }
}
