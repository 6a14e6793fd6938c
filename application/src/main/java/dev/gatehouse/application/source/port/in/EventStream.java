package dev.gatehouse.application.source.port.in;

import java.time.Duration;
import java.util.Optional;

/** An open stream of events: first those missed since {@code Last-Event-ID}, then live ones, each once, in order. */
public interface EventStream extends AutoCloseable {

    /** The next event, waiting at most {@code timeout}; empty when none arrived in time. */
    Optional<StreamedEvent> next(Duration timeout) throws InterruptedException;

    /**
     * Whether the reader fell so far behind that live events were dropped. The events already delivered are
     * intact; the reader resumes with {@code Last-Event-ID}.
     */
    boolean overflowed();

    @Override
    void close();
}
