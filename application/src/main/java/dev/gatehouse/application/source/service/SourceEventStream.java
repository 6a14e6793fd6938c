package dev.gatehouse.application.source.service;

import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A source's stream: the retained events after the resume point, read page by page, then the live queue,
 * which was opened before the replay was read so that nothing falls between the two; events already
 * delivered are skipped by sequence.
 */
final class SourceEventStream implements EventStream {

    private static final int PAGE = 100;

    private final SourceRepository sources;
    private final SourceId source;
    private final EventQueue live;
    private final Deque<SourceEvent> replay = new ArrayDeque<>();
    private boolean replaying;
    private long lastDelivered;

    SourceEventStream(SourceRepository sources, SourceId source, EventQueue live, Optional<Long> resumeAfter) {
        this.sources = sources;
        this.source = source;
        this.live = live;
        this.replaying = resumeAfter.isPresent();
        this.lastDelivered = resumeAfter.orElse(Long.MAX_VALUE);
    }

    @Override
    public Optional<StreamedEvent> next(Duration timeout) throws InterruptedException {
        if (replaying && replay.isEmpty()) {
            replay.addAll(sources.eventsAfter(source, lastDelivered, PAGE));
            replaying = replay.size() == PAGE;
        }
        if (!replay.isEmpty()) {
            return Optional.of(deliver(replay.poll()));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<SourceEvent> event = live.poll(Duration.ofNanos(Math.max(0, left)));
            if (event.isEmpty()) {
                return Optional.empty();
            }
            if (lastDelivered == Long.MAX_VALUE || event.get().sequence() > lastDelivered) {
                return Optional.of(deliver(event.get()));
            }
        }
    }

    private StreamedEvent deliver(SourceEvent event) {
        lastDelivered = event.sequence();
        return StreamedEvent.json(event.id(), event.emittedAt().toEpochMilli(), event.payloadJson());
    }

    @Override
    public void onAvailable(Runnable listener) {
        live.onAvailable(listener);
    }

    @Override
    public boolean overflowed() {
        return live.overflowed() && live.isEmpty();
    }

    @Override
    public void close() {
        live.close();
    }
}
