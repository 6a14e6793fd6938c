package dev.gatehouse.application.token.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private final SigningKeySchedule schedule = new SigningKeySchedule(Duration.ofHours(1));

    private static StoredSigningKey key(String kid, Instant activatesAt) {
        return new StoredSigningKey(kid, "RS256", "{}", activatesAt);
    }

    private static List<String> kids(List<StoredSigningKey> keys) {
        return keys.stream().map(StoredSigningKey::kid).toList();
    }

    @Test
    void aPendingKeyIsPublishedBeforeItSigns() {
        List<StoredSigningKey> keys = List.of(key("old", T0), key("next", T0.plusSeconds(300)));
        assertThat(schedule.signingKey(keys, T0.plusSeconds(10)).kid()).isEqualTo("old");
        assertThat(kids(schedule.published(keys, T0.plusSeconds(10)))).containsExactly("old", "next");
    }

    @Test
    void theNewKeySignsFromItsTimeAndTheOldOneStaysPublishedForOneTokenLifetime() {
        List<StoredSigningKey> keys = List.of(key("old", T0), key("next", T0.plusSeconds(300)));
        assertThat(schedule.signingKey(keys, T0.plusSeconds(300)).kid()).isEqualTo("next");
        assertThat(kids(schedule.published(keys, T0.plusSeconds(300).plus(Duration.ofHours(1))))).containsExactly("old", "next");
        assertThat(kids(schedule.published(keys, T0.plusSeconds(301).plus(Duration.ofHours(1))))).containsExactly("next");
    }

    @Test
    void rotationIsDueOnlyWhenTheNewestKeyIsOlderThanTheInterval() {
        Duration day = Duration.ofDays(1);
        assertThat(schedule.rotationDue(List.of(key("a", T0)), T0.plus(day).minusSeconds(1), day)).isFalse();
        assertThat(schedule.rotationDue(List.of(key("a", T0)), T0.plus(day), day)).isTrue();
        assertThat(schedule.rotationDue(List.of(key("a", T0.minus(day.multipliedBy(2))), key("b", T0.plusSeconds(60))), T0, day))
                .as("a pending key means the rotation already happened").isFalse();
        assertThat(schedule.rotationDue(List.of(), T0, day)).isTrue();
    }

    @Test
    void theOldestKeySignsWhenNoneIsActiveYetAndNoKeysIsAnError() {
        assertThat(schedule.signingKey(List.of(key("future", T0.plusSeconds(5))), T0).kid()).isEqualTo("future");
        assertThatThrownBy(() -> schedule.signingKey(List.of(), T0)).isInstanceOf(IllegalStateException.class);
    }
}
