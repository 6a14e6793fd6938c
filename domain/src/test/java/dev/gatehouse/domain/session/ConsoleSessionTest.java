package dev.gatehouse.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.workspace.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration LIFETIME = Duration.ofHours(12);
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void startKeepsOnlyTheHashOfARandomId() {
        ConsoleSession.Started started = ConsoleSession.start(UserId.generate(random), NOW, LIFETIME, random);

        assertThat(ConsoleSession.SessionId.isWellFormed(started.id().value())).isTrue();
        assertThat(started.session().idHash().matches(started.id().value())).isTrue();
        assertThat(started.session().expiresAt()).isEqualTo(NOW.plus(LIFETIME));
        assertThat(started.session().toString()).doesNotContain(started.id().value());
        assertThat(started.id().toString()).doesNotContain(started.id().value());
    }

    @Test
    void twoSessionsGetDifferentIds() {
        UserId user = UserId.generate(random);
        assertThat(ConsoleSession.start(user, NOW, LIFETIME, random).id())
                .isNotEqualTo(ConsoleSession.start(user, NOW, LIFETIME, random).id());
    }

    @Test
    void aSessionIdleForTheTimeoutIsNoLongerLive() {
        ConsoleSession session = ConsoleSession.start(UserId.generate(random), NOW, LIFETIME, random).session();

        assertThat(session.isLiveAt(NOW.plus(IDLE).minusMillis(1), IDLE)).isTrue();
        assertThat(session.isLiveAt(NOW.plus(IDLE), IDLE)).isFalse();
    }

    @Test
    void useMovesTheIdleEndButNeverTheAbsoluteExpiry() {
        ConsoleSession session = ConsoleSession.start(UserId.generate(random), NOW, LIFETIME, random).session();
        Instant late = NOW.plus(LIFETIME).minus(Duration.ofMinutes(1));

        ConsoleSession seen = session.seenAt(late);

        assertThat(seen.isLiveAt(late.plusSeconds(30), IDLE)).isTrue();
        assertThat(seen.isLiveAt(NOW.plus(LIFETIME), IDLE)).isFalse();
        assertThat(seen.endsAt(IDLE)).isEqualTo(NOW.plus(LIFETIME));
        assertThat(session.endsAt(IDLE)).isEqualTo(NOW.plus(IDLE));
    }

    @Test
    void seenAtAnEarlierTimeChangesNothing() {
        ConsoleSession session = ConsoleSession.start(UserId.generate(random), NOW, LIFETIME, random).session().seenAt(NOW.plusSeconds(60));

        assertThat(session.seenAt(NOW.plusSeconds(10))).isSameAs(session);
    }

    @Test
    void malformedIdsAreRecognised() {
        assertThat(ConsoleSession.SessionId.isWellFormed(null)).isFalse();
        assertThat(ConsoleSession.SessionId.isWellFormed("short")).isFalse();
        assertThat(ConsoleSession.SessionId.isWellFormed("-".repeat(ConsoleSession.ID_LENGTH))).isFalse();
    }

    @Test
    void aLifetimeMustBePositive() {
        assertThatThrownBy(() -> ConsoleSession.start(UserId.generate(random), NOW, Duration.ZERO, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
