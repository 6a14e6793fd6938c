package dev.gatehouse.application.source.service;

import dev.gatehouse.domain.source.SourceEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One stream's bounded buffer of live events. Once it overflows it takes no more events. Its memory grows with
 * the events it holds, not with its capacity, so that thousands of idle streams cost little.
 */
public final class EventQueue implements AutoCloseable {

    private final BlockingQueue<SourceEvent> events;
    private final Consumer<EventQueue> onClose;
    private volatile boolean overflowed;
    private volatile Runnable listener = () -> { };

    EventQueue(int capacity, Consumer<EventQueue> onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.events = new LinkedBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Adds the event if there is room; otherwise marks the queue overflowed and returns false. */
    boolean offer(SourceEvent event) {
        if (overflowed) {
            return false;
        }
        if (!events.offer(event)) {
            overflowed = true;
            listener.run();
            return false;
        }
        listener.run();
        return true;
    }

    /**
     * Runs {@code listener} after each event is queued, and when the queue overflows, on the publishing thread;
     * it must return at once. Replaces any earlier listener.
     */
    public void onAvailable(Runnable listener) {
        this.listener = listener;
    }

    /** The next event, waiting up to {@code timeout}; empty when none came. */
    public Optional<SourceEvent> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Whether events were lost because the reader fell behind; the events still queued are intact. */
    public boolean overflowed() {
        return overflowed;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    @Override
    public void close() {
        onClose.accept(this);
    }
}
