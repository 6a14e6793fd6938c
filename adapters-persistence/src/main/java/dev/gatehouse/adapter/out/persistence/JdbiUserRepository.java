package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Users in the {@code users} table. Email uniqueness without regard to case is the unique constraint on
 * {@code email_lower}, the email lower-cased here, so that both databases compare alike.
 */
public final class JdbiUserRepository implements UserRepository {

    private static final UserMapper USER = new UserMapper();

    private final Jdbi jdbi;

    public JdbiUserRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(User user) {
        jdbi.useHandle(handle -> insert(handle, user));
    }

    @Override
    public Optional<User> findById(UserId id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, email, username, password_hash, created_at
                          FROM users
                         WHERE id = :id
                        """)
                .bind("id", id.value())
                .map(USER)
                .findOne());
    }

    @Override
    public Optional<User> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, email, username, password_hash, created_at
                          FROM users
                         WHERE email_lower = :emailLower
                        """)
                .bind("emailLower", lower(email))
                .map(USER)
                .findOne());
    }

    static void insert(Handle handle, User user) {
        handle.createUpdate("""
                        INSERT INTO users (id, email, email_lower, username, password_hash, created_at)
                        VALUES (:id, :email, :emailLower, :username, :passwordHash, :createdAt)
                        """)
                .bind("id", user.id().value())
                .bind("email", user.email())
                .bind("emailLower", lower(user.email()))
                .bind("username", user.username())
                .bind("passwordHash", user.passwordHash())
                .bind("createdAt", Sql.millis(user.createdAt()))
                .execute();
    }

    private static String lower(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
