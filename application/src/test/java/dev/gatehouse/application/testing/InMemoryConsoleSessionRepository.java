package dev.gatehouse.application.testing;

import dev.gatehouse.application.console.port.out.ConsoleSessionRepository;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.session.ConsoleSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Console sessions in memory, by id hash. */
public final class InMemoryConsoleSessionRepository implements ConsoleSessionRepository {

    private final Map<SecretHash, ConsoleSession> byHash = new HashMap<>();

    @Override
    public synchronized void add(ConsoleSession session) {
        Objects.requireNonNull(session, "session");
        if (byHash.containsKey(session.idHash())) {
            throw new IllegalStateException("duplicate session id hash");
        }
        byHash.put(session.idHash(), session);
    }

    @Override
    public synchronized Optional<ConsoleSession> findByIdHash(SecretHash idHash) {
        return Optional.ofNullable(byHash.get(idHash));
    }

    @Override
    public synchronized void touch(SecretHash idHash, Instant seenAt) {
        byHash.computeIfPresent(idHash, (hash, session) -> session.seenAt(seenAt));
    }

    @Override
    public synchronized boolean delete(SecretHash idHash) {
        return byHash.remove(idHash) != null;
    }

    @Override
    public synchronized int deleteEnded(Instant now, Instant idleSince) {
        int before = byHash.size();
        byHash.values().removeIf(s -> !s.expiresAt().isAfter(now) || s.lastSeenAt().isBefore(idleSince));
        return before - byHash.size();
    }
}
