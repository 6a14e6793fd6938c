package dev.gatehouse.application.console.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.session.ConsoleSession;
import dev.gatehouse.domain.workspace.User;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConsoleSessionRepository} must do; subclasses supply a fresh, empty store. */
public abstract class ConsoleSessionRepositoryContract {

    private static final Duration LIFETIME = Duration.ofHours(12);

    /** The session store and the other stores of the same database (a session's user must exist). */
    public record Fixture(Stores stores, ConsoleSessionRepository sessions) {}

    protected final TestData data = new TestData();
    protected ConsoleSessionRepository sessions;
    private User user;

    protected abstract Fixture newFixture();

    @BeforeEach
    void setUpStores() {
        Fixture fixture = newFixture();
        sessions = fixture.sessions();
        user = data.user();
        fixture.stores().users().add(user);
    }

    private ConsoleSession.Started start() {
        return ConsoleSession.start(user.id(), T0, LIFETIME, data.random());
    }

    @Test
    void addThenFindReturnsEveryField() {
        ConsoleSession session = start().session();

        sessions.add(session);

        assertThat(sessions.findByIdHash(session.idHash())).contains(session);
    }

    @Test
    void findWhenUnknownThenEmpty() {
        sessions.add(start().session());

        assertThat(sessions.findByIdHash(SecretHash.of("another"))).isEmpty();
    }

    @Test
    void addWhenHashTakenThenRejected() {
        ConsoleSession session = start().session();
        sessions.add(session);

        assertThatThrownBy(() -> sessions.add(session)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void touchMovesTheLastUseForwardOnly() {
        ConsoleSession session = start().session();
        sessions.add(session);

        sessions.touch(session.idHash(), T0.plusSeconds(90));
        sessions.touch(session.idHash(), T0.plusSeconds(30));

        ConsoleSession found = sessions.findByIdHash(session.idHash()).orElseThrow();
        assertThat(found.lastSeenAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(found.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void touchWhenUnknownThenNothingHappens() {
        sessions.touch(SecretHash.of("nobody"), T0.plusSeconds(5));

        assertThat(sessions.findByIdHash(SecretHash.of("nobody"))).isEmpty();
    }

    @Test
    void deleteEndsOneSessionOnly() {
        ConsoleSession first = start().session();
        ConsoleSession second = start().session();
        sessions.add(first);
        sessions.add(second);

        assertThat(sessions.delete(first.idHash())).isTrue();
        assertThat(sessions.delete(first.idHash())).isFalse();

        assertThat(sessions.findByIdHash(first.idHash())).isEmpty();
        assertThat(sessions.findByIdHash(second.idHash())).contains(second);
    }

    @Test
    void deleteEndedRemovesExpiredAndIdleSessionsOnly() {
        ConsoleSession idle = start().session();
        ConsoleSession busy = start().session();
        ConsoleSession expired = ConsoleSession.start(user.id(), T0, Duration.ofMinutes(5), data.random()).session();
        sessions.add(idle);
        sessions.add(busy);
        sessions.add(expired);
        sessions.touch(busy.idHash(), T0.plus(Duration.ofMinutes(20)));
        sessions.touch(expired.idHash(), T0.plus(Duration.ofMinutes(4)));

        int deleted = sessions.deleteEnded(T0.plus(Duration.ofMinutes(40)), T0.plus(Duration.ofMinutes(10)));

        assertThat(deleted).isEqualTo(2);
        assertThat(sessions.findByIdHash(busy.idHash())).isPresent();
        assertThat(sessions.findByIdHash(idle.idHash())).isEmpty();
        assertThat(sessions.findByIdHash(expired.idHash())).isEmpty();
    }
}
