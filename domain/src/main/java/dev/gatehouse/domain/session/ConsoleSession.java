package dev.gatehouse.domain.session;

import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A signed-in console session, held as the SHA-256 hash of its random id: the id itself lives only in the
 * browser's cookie. A session ends when it has been idle for longer than the idle timeout, at its absolute
 * expiry however busy it is, or when the user signs out.
 */
public record ConsoleSession(SecretHash idHash, UserId userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {

    /** Characters of base62 in a session id: 43 of them carry 256 bits. */
    public static final int ID_LENGTH = 43;

    public ConsoleSession {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (lastSeenAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a session cannot be seen before it was created");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a session must expire after it was created");
        }
    }

    /** A new session and its id in clear, which goes into the cookie and nowhere else. */
    public record Started(ConsoleSession session, SessionId id) {}

    /** The session's id in clear; {@link #toString()} hides it. */
    public record SessionId(String value) {
        public SessionId {
            Objects.requireNonNull(value, "value");
        }

        public SecretHash hash() {
            return SecretHash.of(value);
        }

        /** Whether this could be a session id at all: right length and alphabet. */
        public static boolean isWellFormed(String value) {
            return value != null && value.length() == ID_LENGTH && Base62.isBase62(value);
        }

        @Override
        public String toString() {
            return "SessionId[redacted]";
        }
    }

    /** Starts a session for {@code user} at {@code now} that ends at the latest after {@code lifetime}. */
    public static Started start(UserId user, Instant now, Duration lifetime, RandomGenerator random) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session's lifetime must be positive");
        }
        SessionId id = new SessionId(Base62.random(random, ID_LENGTH));
        return new Started(new ConsoleSession(id.hash(), user, now, now, now.plus(lifetime)), id);
    }

    /** Whether the session is still good at {@code now}: before its expiry and not idle for {@code idleTimeout}. */
    public boolean isLiveAt(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idleTimeout));
    }

    /** When the session ends if it is not used again. */
    public Instant endsAt(Duration idleTimeout) {
        Instant idleEnd = lastSeenAt.plus(idleTimeout);
        return idleEnd.isBefore(expiresAt) ? idleEnd : expiresAt;
    }

    /** This session, seen at {@code now}. */
    public ConsoleSession seenAt(Instant now) {
        return now.isAfter(lastSeenAt) ? new ConsoleSession(idHash, userId, createdAt, now, expiresAt) : this;
    }
}
