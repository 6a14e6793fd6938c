package dev.gatehouse.application.token.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.cluster.port.out.ClusterLock;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.token.port.in.RotateSigningKeyUseCase.RotatedSigningKey;
import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SigningKeyRotationServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private final InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger generated = new AtomicInteger();

    private SigningKeyRotationService service(ClusterLock lock) {
        return new SigningKeyRotationService(keys, at -> new StoredSigningKey("k" + generated.incrementAndGet(), "RS256", "{}", at),
                lock, new SigningKeySchedule(Duration.ofHours(1)), Duration.ofDays(1), Duration.ofMinutes(5), clock);
    }

    private static final ClusterLock FREE = (name, task) -> {
        task.run();
        return true;
    };

    @Test
    void storesTheNextKeyToSignAfterThePrePublicationDelayOnceDue() {
        keys.add(new StoredSigningKey("first", "RS256", "{}", T0));
        SigningKeyRotationService rotation = service(FREE);
        clock.set(T0.plus(Duration.ofDays(1)).minusSeconds(1));
        assertThat(rotation.rotateIfDue()).isFalse();
        clock.set(T0.plus(Duration.ofDays(1)));
        assertThat(rotation.rotateIfDue()).isTrue();
        assertThat(keys.findAll()).extracting(StoredSigningKey::createdAt)
                .containsExactly(T0, T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
        assertThat(rotation.rotateIfDue()).as("the pending key is the newest").isFalse();
    }

    @Test
    void doesNothingWhenAnotherServerHoldsTheLock() {
        keys.add(new StoredSigningKey("first", "RS256", "{}", T0));
        clock.set(T0.plus(Duration.ofDays(2)));
        assertThat(service((name, task) -> false).rotateIfDue()).isFalse();
        assertThat(keys.findAll()).hasSize(1);
        assertThat(generated.get()).isZero();
    }

    @Test
    void rotateByHandStoresAKeyThatSignsAfterThePrePublicationDelayWhateverTheSchedule() {
        keys.add(new StoredSigningKey("first", "RS256", "{}", T0));
        clock.set(T0.plusSeconds(10));

        RotatedSigningKey rotated = service((name, task) -> false).rotate();

        assertThat(rotated.kid()).isEqualTo("k1");
        assertThat(rotated.publishedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(rotated.signsFrom()).isEqualTo(T0.plusSeconds(10).plus(Duration.ofMinutes(5)));
        assertThat(keys.findAll()).extracting(StoredSigningKey::kid).containsExactly("first", "k1");
        SigningKeySchedule schedule = new SigningKeySchedule(Duration.ofHours(1));
        assertThat(schedule.signingKey(keys.findAll(), rotated.signsFrom().minusMillis(1)).kid())
                .as("the old key signs until the new one's time").isEqualTo("first");
        assertThat(schedule.published(keys.findAll(), clock.instant())).extracting(StoredSigningKey::kid)
                .as("both are published at once").containsExactly("first", "k1");
    }

    @Test
    void rotateByHandRefusesAnEmptyStore() {
        assertThatThrownBy(() -> service(FREE).rotate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first start");
        assertThat(keys.findAll()).isEmpty();
    }
}
