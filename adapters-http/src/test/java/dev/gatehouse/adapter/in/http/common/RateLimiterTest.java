package dev.gatehouse.adapter.in.http.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);

    @Test
    void acquireWhenBucketSpentThenRefusedWithRetryAfterAndHeaders() {
        RateLimiter limiter = RateLimiter.of(3, Duration.ofMinutes(1), time, clock);

        assertThat(limiter.acquire("c1").remaining()).isEqualTo(2);
        assertThat(limiter.acquire("c1").remaining()).isEqualTo(1);
        assertThat(limiter.acquire("c1").allowed()).isTrue();
        RateLimiter.Decision refused = limiter.acquire("c1");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(refused.headers())
                .containsEntry("X-RateLimit-Limit", "3")
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Reset", Long.toString(1_000_000 + 60))
                .containsEntry("Retry-After", "20");
        assertThatThrownBy(refused::orThrottle)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.getMessage()).isEqualTo("Throttled");
                    assertThat(e.headers()).containsKey("Retry-After");
                });
    }

    @Test
    void acquireWhenOtherKeySpentThenStillAllowed() {
        RateLimiter limiter = RateLimiter.of(1, Duration.ofMinutes(1), time, clock);
        limiter.acquire("a");

        assertThat(limiter.acquire("a").allowed()).isFalse();
        assertThat(limiter.acquire("b").allowed()).isTrue();
    }

    @Test
    void acquireWhenTimePassesThenRefilledSmoothly() {
        RateLimiter limiter = RateLimiter.of(2, Duration.ofMinutes(1), time, clock);
        limiter.acquire("k");
        limiter.acquire("k");
        assertThat(limiter.acquire("k").allowed()).isFalse();

        nanos.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(limiter.acquire("k").allowed()).isTrue();
        assertThat(limiter.acquire("k").allowed()).isFalse();
    }

    @Test
    void checkCountsOnlyRecordedFailures() {
        RateLimiter limiter = RateLimiter.of(2, Duration.ofMinutes(1), time, clock);

        assertThat(limiter.check("ip").allowed()).isTrue();
        assertThat(limiter.check("ip").allowed()).isTrue();
        limiter.recordFailure("ip");
        assertThat(limiter.check("ip").remaining()).isEqualTo(1);
        limiter.recordFailure("ip");

        RateLimiter.Decision refused = limiter.check("ip");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        assertThat(refused.headers()).containsEntry("Retry-After", "30");
    }

    @Test
    void resetForgetsFailures() {
        RateLimiter limiter = RateLimiter.of(1, Duration.ofMinutes(1), time, clock);
        limiter.recordFailure("account");
        assertThat(limiter.check("account").allowed()).isFalse();

        limiter.reset("account");

        assertThat(limiter.check("account").allowed()).isTrue();
    }

    @Test
    void ofWhenLimitNotPositiveThenRejected() {
        assertThatThrownBy(() -> RateLimiter.of(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimiter.of(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateLimitsDefaultsAreTheContracts() {
        assertThat(RateLimits.defaults()).isEqualTo(new RateLimits(60, 600, 300, 10));
        assertThatThrownBy(() -> new RateLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
