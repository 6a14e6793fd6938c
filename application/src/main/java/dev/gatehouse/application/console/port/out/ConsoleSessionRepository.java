package dev.gatehouse.application.console.port.out;

import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.session.ConsoleSession;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores console sessions by the hash of their id, so that a session survives a restart and is known to every
 * server on the database, while a copy of the store lets nobody sign in.
 */
public interface ConsoleSessionRepository {

    /** Stores a new session; a session whose id hash is taken is refused. */
    void add(ConsoleSession session);

    Optional<ConsoleSession> findByIdHash(SecretHash idHash);

    /** Moves the session's last use forward to {@code seenAt}; an earlier time, or an unknown session, changes nothing. */
    void touch(SecretHash idHash, Instant seenAt);

    /** Ends the session; false when there was no such session. */
    boolean delete(SecretHash idHash);

    /**
     * Deletes the sessions that have ended: those past their absolute expiry at {@code now}, and those last used
     * before {@code idleSince}. Returns how many were deleted.
     */
    int deleteEnded(Instant now, Instant idleSince);
}
