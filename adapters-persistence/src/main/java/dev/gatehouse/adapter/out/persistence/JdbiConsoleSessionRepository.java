package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.console.port.out.ConsoleSessionRepository;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.session.ConsoleSession;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Console sessions in the {@code console_sessions} table, by the SHA-256 hash of the session id. */
public final class JdbiConsoleSessionRepository implements ConsoleSessionRepository {

    private static final ConsoleSessionMapper SESSION = new ConsoleSessionMapper();

    private final Jdbi jdbi;

    public JdbiConsoleSessionRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(ConsoleSession session) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO console_sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
                        VALUES (:idHash, :userId, :createdAt, :lastSeenAt, :expiresAt)
                        """)
                .bind("idHash", session.idHash().hex())
                .bind("userId", session.userId().value())
                .bind("createdAt", Sql.millis(session.createdAt()))
                .bind("lastSeenAt", Sql.millis(session.lastSeenAt()))
                .bind("expiresAt", Sql.millis(session.expiresAt()))
                .execute());
    }

    @Override
    public Optional<ConsoleSession> findByIdHash(SecretHash idHash) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id_hash, user_id, created_at, last_seen_at, expires_at
                          FROM console_sessions
                         WHERE id_hash = :idHash
                        """)
                .bind("idHash", idHash.hex())
                .map(SESSION)
                .findOne());
    }

    @Override
    public void touch(SecretHash idHash, Instant seenAt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE console_sessions
                           SET last_seen_at = :seenAt
                         WHERE id_hash = :idHash AND last_seen_at < :seenAt
                        """)
                .bind("idHash", idHash.hex())
                .bind("seenAt", Sql.millis(seenAt))
                .execute());
    }

    @Override
    public boolean delete(SecretHash idHash) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM console_sessions WHERE id_hash = :idHash")
                .bind("idHash", idHash.hex())
                .execute()) > 0;
    }

    @Override
    public int deleteEnded(Instant now, Instant idleSince) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM console_sessions
                         WHERE expires_at <= :now OR last_seen_at < :idleSince
                        """)
                .bind("now", Sql.millis(now))
                .bind("idleSince", Sql.millis(idleSince))
                .execute());
    }
}
