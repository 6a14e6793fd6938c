package dev.gatehouse.application.testing;

import java.util.random.RandomGenerator;

/**
 * A seeded generator that services may share between threads, as they share the server's {@code SecureRandom}:
 * each draw holds the lock, so two threads never read the same state (a bare {@code SplittableRandom} can hand
 * both the same value). The draws that the domain and the tests make ({@code nextInt(bound)} for ids and secrets,
 * {@code nextLong(bound)}) go to the generator it wraps, so one thread sees the same sequence as from that
 * generator alone; any other draw is {@link RandomGenerator}'s default, made from {@link #nextLong()}.
 */
final class SynchronizedRandom implements RandomGenerator {

    private final RandomGenerator random;

    SynchronizedRandom(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public synchronized long nextLong() {
        return random.nextLong();
    }

    @Override
    public synchronized long nextLong(long bound) {
        return random.nextLong(bound);
    }

    @Override
    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
