package dev.gatehouse.application.source.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Publishing must never block; the class timeout turns a blocking regression into a failure rather than a hang. */
@Timeout(30)
class EventHubTest {

    private static final String TOPIC = "source:test";
    private static final Duration NONE = Duration.ZERO;

    private final SourceId source = SourceId.generate(new SplittableRandom(16));
    private final EventHub hub = new EventHub();

    @Test
    void aSlowSubscriberIsDroppedWhileAnotherGetsEveryEventAndPublishNeverBlocks() throws Exception {
        EventQueue slow = hub.subscribe(TOPIC, 4);
        EventQueue fast = hub.subscribe(TOPIC, 20_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 1; i <= 10_000; i++) {
                hub.publish(TOPIC, event(i));
            }
        });

        assertThat(slow.overflowed()).isTrue();
        assertThat(fast.overflowed()).isFalse();
        assertThat(hub.subscriberCount(TOPIC)).isEqualTo(1);
        assertThat(drain(slow)).as("the slow subscriber keeps what it held").containsExactly(1L, 2L, 3L, 4L);
        List<Long> received = drain(fast);
        assertThat(received).hasSize(10_000).isSorted().doesNotHaveDuplicates();
        assertThat(received.get(9_999)).isEqualTo(10_000L);
    }

    @Test
    void aSubscriberThatReadsAsEventsArriveIsNeverDropped() throws Exception {
        EventQueue reader = hub.subscribe(TOPIC, 2);

        for (int i = 1; i <= 100; i++) {
            hub.publish(TOPIC, event(i));
            assertThat(reader.poll(NONE)).map(SourceEvent::sequence).contains((long) i);
        }

        assertThat(reader.overflowed()).isFalse();
        assertThat(hub.subscriberCount(TOPIC)).isEqualTo(1);
    }

    @Test
    void anOverflowedQueueGetsNoMoreEventsEvenOnceDrained() throws Exception {
        EventQueue queue = hub.subscribe(TOPIC, 1);
        hub.publish(TOPIC, event(1));
        hub.publish(TOPIC, event(2));
        drain(queue);

        hub.publish(TOPIC, event(3));

        assertThat(queue.poll(NONE)).isEmpty();
        assertThat(queue.overflowed()).isTrue();
    }

    @Test
    void publishReachesOnlyTheSubscribersOfTheTopic() throws Exception {
        EventQueue mine = hub.subscribe(TOPIC, 10);
        EventQueue other = hub.subscribe("source:other", 10);

        hub.publish(TOPIC, event(1));

        assertThat(drain(mine)).containsExactly(1L);
        assertThat(other.poll(NONE)).isEmpty();
    }

    @Test
    void publishWithoutSubscribersDoesNothing() {
        hub.publish(TOPIC, event(1));

        assertThat(hub.subscriberCount(TOPIC)).isZero();
    }

    @Test
    void closeUnsubscribes() throws Exception {
        EventQueue closed = hub.subscribe(TOPIC, 10);
        EventQueue open = hub.subscribe(TOPIC, 10);

        closed.close();
        hub.publish(TOPIC, event(1));

        assertThat(hub.subscriberCount(TOPIC)).isEqualTo(1);
        assertThat(closed.poll(NONE)).isEmpty();
        assertThat(drain(open)).containsExactly(1L);
    }

    @Test
    void subscribeWithoutCapacityIsRejected() {
        assertThatThrownBy(() -> hub.subscribe(TOPIC, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(hub.subscriberCount(TOPIC)).isZero();
    }

    @Test
    void pollWaitsForAnEventPublishedMeanwhile() throws Exception {
        EventQueue queue = hub.subscribe(TOPIC, 10);
        CompletableFuture<Optional<SourceEvent>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);

        hub.publish(TOPIC, event(7));

        assertThat(polled.get(10, TimeUnit.SECONDS)).map(SourceEvent::sequence).contains(7L);
    }

    @Test
    void pollWhenNothingArrivesThenEmptyAfterTheTimeout() throws Exception {
        EventQueue queue = hub.subscribe(TOPIC, 10);

        long start = System.nanoTime();
        Optional<SourceEvent> polled = queue.poll(Duration.ofMillis(100));

        assertThat(polled).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void publishFromManyThreadsDeliversEveryEvent() throws Exception {
        EventQueue queue = hub.subscribe(TOPIC, 10_000);
        int threads = 4;
        int perThread = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= perThread; i++) {
                        hub.publish(TOPIC, event(base + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(drain(queue)).hasSize(threads * perThread).doesNotHaveDuplicates();
    }

    @Test
    void aQueueSubscribedWhileTheLastOtherQueueClosesStillGetsEvents() throws Exception {
        int rounds = 50_000;
        EventHub[] hubs = new EventHub[rounds];
        EventQueue[] leaving = new EventQueue[rounds];
        EventQueue[] joining = new EventQueue[rounds];
        for (int i = 0; i < rounds; i++) {
            hubs[i] = new EventHub();
            leaving[i] = hubs[i].subscribe(TOPIC, 4);
        }
        CyclicBarrier together = new CyclicBarrier(2);
        Thread joiner = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    together.await();
                    joining[i] = hubs[i].subscribe(TOPIC, 4);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        joiner.start();
        for (int i = 0; i < rounds; i++) {
            together.await();
            leaving[i].close();
        }
        joiner.join();

        int lost = 0;
        for (int i = 0; i < rounds; i++) {
            hubs[i].publish(TOPIC, event(1));
            if (joining[i].poll(NONE).isEmpty()) {
                lost++;
            }
        }
        assertThat(lost).as("queues left out of the hub in %d rounds", rounds).isZero();
    }

    private SourceEvent event(long sequence) {
        return new SourceEvent(source, sequence, T0, "{\"n\":" + sequence + "}");
    }

    private static List<Long> drain(EventQueue queue) throws InterruptedException {
        List<Long> sequences = new ArrayList<>();
        for (Optional<SourceEvent> next = queue.poll(NONE); next.isPresent(); next = queue.poll(NONE)) {
            sequences.add(next.get().sequence());
        }
        return sequences;
    }
}
