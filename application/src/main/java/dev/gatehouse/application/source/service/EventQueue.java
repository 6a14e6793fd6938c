package dev.gatehouse.application.source.service;

import dev.gatehouse.domain.source.SourceEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One stream's bounded buffer of live events. Once it overflows it takes no more events. */
public final class EventQueue implements AutoCloseable {

    private final BlockingQueue<SourceEvent> events;
    private final Consumer<EventQueue> onClose;
    private volatile boolean overflowed;

    EventQueue(int capacity, Consumer<EventQueue> onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.events = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Adds the event if there is room; otherwise marks the queue overflowed and returns false. */
    boolean offer(SourceEvent event) {
        if (overflowed) {
            return false;
        }
        if (!events.offer(event)) {
            overflowed = true;
            return false;
        }
        return true;
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
