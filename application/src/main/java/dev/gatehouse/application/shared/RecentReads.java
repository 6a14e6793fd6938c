package dev.gatehouse.application.shared;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What a store read answered for each key in the last moment, trusted until either that moment passes or a change is
 * heard of: the shape shared by the hot-path reads that must not query the database on every request, yet must never
 * outlive a change made on this server.
 *
 * <p>{@link #forget()} forgets every entry at once (changes are rare, so forgetting them all costs nothing that
 * matters). Each entry is stamped with the generation that was current before its read began, and an entry of an
 * older generation is never used: a read that was under way when a change was made cannot outlive the change,
 * whichever of the two finished first. At most {@code maxEntries} keys are remembered; others are pushed out and
 * cost a read again.
 *
 * @param <K> the key of a read
 * @param <V> what a read finds for a key, if anything
 */
public final class RecentReads<K, V> {

    private final Clock clock;
    private final long trustedMillis;
    private final boolean rememberAbsent;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<K, Entry<V>> recent;

    /**
     * @param trusted how long a read is trusted without a change being heard of; positive
     * @param rememberAbsent whether a read that found nothing is remembered too, or only reads that found a value
     */
    public RecentReads(Clock clock, Duration trusted, int maxEntries, boolean rememberAbsent) {
        if (trusted.isNegative() || trusted.isZero()) {
            throw new IllegalArgumentException("a read must be trusted for a positive time");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("at least one entry must be remembered");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trustedMillis = trusted.toMillis();
        this.rememberAbsent = rememberAbsent;
        this.recent = CacheBuilder.newBuilder().maximumSize(maxEntries).build();
    }

    /** What {@code read} finds for {@code key}: remembered if read within the trusted time and nothing changed since. */
    public Optional<V> find(K key, Function<K, Optional<V>> read) {
        long current = generation.get();
        long now = clock.millis();
        Entry<V> entry = recent.getIfPresent(key);
        if (entry != null && entry.generation == current && now < entry.expiresAtMillis) {
            return entry.value;
        }
        Optional<V> found = read.apply(key);
        // remembered only if no change was made while it was read: a read that began before a change must not
        // outlive it (and, stamped with the generation from before the read, an entry put just as a change is made
        // is never used)
        if ((found.isPresent() || rememberAbsent) && generation.get() == current) {
            recent.put(key, new Entry<>(found, current, now + trustedMillis));
        }
        return found;
    }

    /** Something may have changed: forgets every entry, and any read under way. */
    public void forget() {
        generation.incrementAndGet();
        recent.invalidateAll();
    }

    private record Entry<V>(Optional<V> value, long generation, long expiresAtMillis) {
    }
}
