package dev.gatehouse.adapter.in.http.common;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per key (a {@code client_id}, an IP address, an account), built on Bucket4j: each key may
 * spend {@code limit} permits per {@code period}, refilled smoothly. Buckets live in a bounded cache, so a
 * flood of distinct keys costs memory in proportion to the cache, never more; an evicted key starts again
 * with a full bucket, which errs towards letting honest traffic through.
 *
 * <p>Two ways to count: {@link #acquire} spends a permit for every request (requests per client), while
 * {@link #check} and {@link #recordFailure} together count failures only (failed authentications), refusing
 * a key whose failures have used up its bucket.
 */
public final class RateLimiter {

    /** How many keys are remembered at most; the least recently used are forgotten first. */
    static final int MAX_KEYS = 100_000;
    static final int MAX_KEY_LENGTH = 128;

    private final long limit;
    private final Duration period;
    private final TimeMeter time;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    private RateLimiter(long limit, Duration period, TimeMeter time, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit needs at least one permit per period");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit's period must be positive");
        }
        this.limit = limit;
        this.period = period;
        this.time = time;
        this.clock = clock;
        this.buckets = CacheBuilder.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterAccess(period.multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS)
                .build();
    }

    /** {@code limit} permits per {@code period} for each key, on the system clock. */
    public static RateLimiter of(long limit, Duration period) {
        return new RateLimiter(limit, period, TimeMeter.SYSTEM_NANOTIME, Clock.systemUTC());
    }

    /** For tests: a limiter whose buckets refill by {@code nanos} and whose reset times read {@code clock}. */
    static RateLimiter of(long limit, Duration period, TimeMeter nanos, Clock clock) {
        return new RateLimiter(limit, period, Objects.requireNonNull(nanos), Objects.requireNonNull(clock));
    }

    public long limit() {
        return limit;
    }

    /** Spends one permit of {@code key}'s bucket; the decision says whether there was one. */
    public Decision acquire(String key) {
        ConsumptionProbe probe = bucket(bounded(key)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return decision(true, probe.getRemainingTokens(), probe.getNanosToWaitForReset(), 0);
        }
        return decision(false, 0, probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill());
    }

    /** Whether {@code key} still has a permit, without spending it (for limits that count failures only). */
    public Decision check(String key) {
        Bucket bucket = buckets.getIfPresent(bounded(key));
        if (bucket == null) {
            return decision(true, limit, 0, 0);
        }
        long available = bucket.getAvailableTokens();
        long nanosPerPermit = period.toNanos() / limit;
        long toReset = (limit - Math.max(available, 0)) * nanosPerPermit;
        if (available >= 1) {
            return decision(true, available, toReset, 0);
        }
        long toRefill = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return decision(false, 0, toReset, toRefill);
    }

    /** Spends one permit of {@code key}'s bucket because a request with that key failed. */
    public void recordFailure(String key) {
        bucket(bounded(key)).tryConsumeAndReturnRemaining(1);
    }

    /** Forgets {@code key}, as after a successful sign-in. */
    public void reset(String key) {
        buckets.invalidate(bounded(key));
    }

    /** A long key is remembered by its SHA-256, so that the cache's memory stays bounded whatever callers send. */
    private static String bounded(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        return "sha256:" + Hashing.sha256().hashString(key, StandardCharsets.UTF_8);
    }

    private Bucket bucket(String key) {
        try {
            return buckets.get(key, () -> Bucket.builder()
                    .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, period))
                    .withCustomTimePrecision(time)
                    .build());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not make a rate-limit bucket", e.getCause());
        }
    }

    private Decision decision(boolean allowed, long remaining, long nanosToReset, long nanosToRefill) {
        Instant full = clock.instant().plusNanos(nanosToReset);
        long resetAt = full.getEpochSecond() + (full.getNano() > 0 ? 1 : 0);
        long retryAfter = allowed ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToRefill + 999_999_999L));
        return new Decision(allowed, limit, remaining, resetAt, retryAfter);
    }

    /**
     * The outcome of one look at a bucket. {@code resetEpochSecond} is when the bucket is full again (Unix
     * seconds, as GitHub's {@code X-RateLimit-Reset}); {@code retryAfterSeconds} is how long a refused caller
     * should wait before one more permit is there.
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {

        /** The {@code X-RateLimit-*} headers of contract §4, and {@code Retry-After} when refused. */
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-RateLimit-Limit", Long.toString(limit));
            headers.put("X-RateLimit-Remaining", Long.toString(remaining));
            headers.put("X-RateLimit-Reset", Long.toString(resetEpochSecond));
            if (!allowed) {
                headers.put("Retry-After", Long.toString(retryAfterSeconds));
            }
            return headers;
        }

        /** Throws contract §4's {@code 429 {"error":"Throttled"}} when refused; does nothing otherwise. */
        public void orThrottle() {
            if (!allowed) {
                throw throttled();
            }
        }

        public ApiException throttled() {
            return new ApiException(429, "Throttled", headers());
        }
    }
}
