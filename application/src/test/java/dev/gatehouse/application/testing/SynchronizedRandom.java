package dev.gatehouse.application.testing;

import java.util.random.RandomGenerator;

/**
 * A seeded generator that services may share between threads, as they share the server's {@code SecureRandom}:
 * each draw holds the lock, so two threads never read the same state (a bare {@code SplittableRandom} can hand
 * both the same value). It forwards each draw the domain makes to the generator it wraps, so one thread sees the
 * same sequence as from that generator alone.
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
    public synchronized int nextInt() {
        return random.nextInt();
    }

    @Override
    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }

    @Override
    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public synchronized boolean nextBoolean() {
        return random.nextBoolean();
    }
}
