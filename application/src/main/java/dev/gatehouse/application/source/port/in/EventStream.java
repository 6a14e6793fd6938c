package dev.gatehouse.application.source.port.in;

import java.time.Duration;
import java.util.Optional;

/** An open stream of events: first those missed since {@code Last-Event-ID}, then live ones, each once, in order. */
public interface EventStream extends AutoCloseable {

    /**
     * The next event, waiting at most {@code timeout}; empty when none arrived in time. With a zero timeout it
     * does not wait for live events, which lets one thread serve many streams.
     */
    Optional<StreamedEvent> next(Duration timeout) throws InterruptedException;

    /**
     * Asks to be told when a live event may be ready: {@code listener} runs on the publishing thread and must
     * return at once. A reader that does not wait in {@link #next} relies on it to learn of live events.
     */
    void onAvailable(Runnable listener);

    /**
     * Called when the stream is about to end on purpose (its credential was revoked): from now on,
     * {@link #next} returns at once every event recorded so far, including those a shared reader has not
     * fetched yet, so that they go out before the end.
     */
    default void catchUp() {
    }

    /**
     * Whether the reader fell so far behind that live events were dropped. The events already delivered are
     * intact; the reader resumes with {@code Last-Event-ID}.
     */
    boolean overflowed();

    @Override
    void close();
}
