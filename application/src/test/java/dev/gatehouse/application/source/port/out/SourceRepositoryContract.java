package dev.gatehouse.application.source.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SourceRepository} must do; subclasses supply a fresh, empty store. */
public abstract class SourceRepositoryContract {

    protected static final int KEEP_ALL = 1000;

    protected final TestData data = new TestData();
    protected Stores stores;
    protected SourceRepository sources;
    protected Workspace workspace;
    protected User user;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        sources = stores.sources();
        workspace = data.addWorkspace(stores);
        user = data.addMember(stores, workspace.id(), Role.MEMBER);
    }

    @Test
    void addThenFindByIdReturnsEveryField() {
        EventSource source = new EventSource(SourceId.generate(data.random()), workspace.id(), "Équipe 東京 \uD83D\uDE80",
                user.id(), T0);

        sources.add(source);

        EventSource found = sources.findById(source.id()).orElseThrow();
        assertThat(found).isEqualTo(source);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.createdBy()).isEqualTo(user.id());
        assertThat(found.workspaceId()).isEqualTo(workspace.id());
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        addSource();

        assertThat(sources.findById(SourceId.generate(data.random()))).isEmpty();
    }

    @Test
    void addWhenIdTakenThenRejectedAndFirstKept() {
        EventSource first = addSource();
        EventSource sameId = new EventSource(first.id(), workspace.id(), "other", user.id(), T0.plusSeconds(5));

        assertThatThrownBy(() -> sources.add(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(sources.findById(first.id())).contains(first);
    }

    @Test
    void deleteThenTrueAndTheSourceIsGone() {
        EventSource source = addSource();
        EventSource other = addSource();

        assertThat(sources.delete(source.id())).isTrue();

        assertThat(sources.findById(source.id())).isEmpty();
        assertThat(sources.findById(other.id())).contains(other);
    }

    @Test
    void deleteWhenUnknownThenFalse() {
        assertThat(sources.delete(SourceId.generate(data.random()))).isFalse();
    }

    @Test
    void deleteWhenAlreadyDeletedThenFalse() {
        EventSource source = addSource();
        sources.delete(source.id());

        assertThat(sources.delete(source.id())).isFalse();
    }

    @Test
    void deleteRemovesTheSourcesEventsOnly() {
        EventSource source = addSource();
        EventSource other = addSource();
        sources.append(source.id(), T0, "{\"n\":1}", KEEP_ALL);
        SourceEvent kept = sources.append(other.id(), T0, "{\"n\":2}", KEEP_ALL);

        sources.delete(source.id());

        assertThat(sources.eventsAfter(source.id(), 0, 100)).isEmpty();
        assertThat(sources.eventsAfter(other.id(), 0, 100)).containsExactly(kept);
    }

    @Test
    void appendWhenSourceUnknownThenRejected() {
        SourceId unknown = SourceId.generate(data.random());

        assertThatThrownBy(() -> sources.append(unknown, T0, "{}", KEEP_ALL)).isInstanceOf(RuntimeException.class);
        assertThat(sources.eventsAfter(unknown, 0, 100)).isEmpty();
    }

    @Test
    void appendWhenSourceDeletedThenRejected() {
        EventSource source = addSource();
        sources.delete(source.id());

        assertThatThrownBy(() -> sources.append(source.id(), T0, "{}", KEEP_ALL)).isInstanceOf(RuntimeException.class);
        assertThat(sources.eventsAfter(source.id(), 0, 100)).isEmpty();
    }

    @Test
    void appendNumbersTheEventsFromOneAndReturnsThem() {
        EventSource source = addSource();

        SourceEvent first = sources.append(source.id(), T0, "{\"n\":1}", KEEP_ALL);
        SourceEvent second = sources.append(source.id(), T0.plusMillis(1), "{\"n\":2}", KEEP_ALL);
        SourceEvent third = sources.append(source.id(), T0.plusMillis(1), "{\"n\":3}", KEEP_ALL);

        assertThat(List.of(first, second, third)).extracting(SourceEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(first).isEqualTo(new SourceEvent(source.id(), 1, T0, "{\"n\":1}"));
        assertThat(third.id()).isEqualTo(T0.plusMillis(1).toEpochMilli() + "-3");
    }

    @Test
    void appendNumbersEachSourceOnItsOwn() {
        EventSource one = addSource();
        EventSource two = addSource();
        sources.append(one.id(), T0, "{}", KEEP_ALL);
        sources.append(one.id(), T0, "{}", KEEP_ALL);

        SourceEvent firstOfTwo = sources.append(two.id(), T0, "{}", KEEP_ALL);
        SourceEvent thirdOfOne = sources.append(one.id(), T0, "{}", KEEP_ALL);

        assertThat(firstOfTwo.sequence()).isEqualTo(1);
        assertThat(thirdOfOne.sequence()).isEqualTo(3);
    }

    @Test
    void eventsAfterReturnsEveryFieldOldestFirst() {
        EventSource source = addSource();
        String unicode = "{\"name\":\"Équipe 東京 \uD83D\uDE80\",\"quote\":\"a\\\"b\"}";
        List<SourceEvent> appended = List.of(
                sources.append(source.id(), T0, "{\"n\":1}", KEEP_ALL),
                sources.append(source.id(), T0.plusMillis(5), unicode, KEEP_ALL),
                sources.append(source.id(), T0.plus(Duration.ofDays(1)), "[]", KEEP_ALL));

        List<SourceEvent> found = sources.eventsAfter(source.id(), 0, 100);

        assertThat(found).containsExactlyElementsOf(appended);
        assertThat(found.get(1).payloadJson()).isEqualTo(unicode);
        assertThat(found.get(1).emittedAt()).isEqualTo(T0.plusMillis(5));
        assertThat(found.get(1).sourceId()).isEqualTo(source.id());
    }

    @Test
    void eventsAfterKeepsAPayloadOf64KiB() {
        EventSource source = addSource();
        String payload = "{\"data\":\"" + Base62.random(data.random(), 64 * 1024 - 11) + "\"}";

        sources.append(source.id(), T0, payload, KEEP_ALL);

        assertThat(sources.eventsAfter(source.id(), 0, 1)).singleElement()
                .satisfies(event -> assertThat(event.payloadJson()).isEqualTo(payload));
    }

    @Test
    void lastSequenceCountsEveryAppendEvenTrimmedOnes() {
        EventSource source = addSource();
        assertThat(sources.lastSequence(source.id())).isZero();
        for (int i = 0; i < 4; i++) {
            sources.append(source.id(), T0, "{}", 2);
        }

        assertThat(sources.lastSequence(source.id())).isEqualTo(4);
        assertThat(sources.lastSequence(SourceId.generate(data.random()))).isZero();
    }

    @Test
    void eventsAfterLeavesOutTheGivenSequenceAndThoseBefore() {
        EventSource source = addSource();
        appendMany(source, 5);

        assertThat(sources.eventsAfter(source.id(), 2, 100)).extracting(SourceEvent::sequence).containsExactly(3L, 4L, 5L);
        assertThat(sources.eventsAfter(source.id(), 5, 100)).isEmpty();
        assertThat(sources.eventsAfter(source.id(), 99, 100)).isEmpty();
    }

    @Test
    void eventsAfterReturnsAtMostTheLimitOldestFirst() {
        EventSource source = addSource();
        appendMany(source, 5);

        assertThat(sources.eventsAfter(source.id(), 1, 2)).extracting(SourceEvent::sequence).containsExactly(2L, 3L);
    }

    @Test
    void eventsAfterWhenSourceUnknownThenEmpty() {
        EventSource source = addSource();
        appendMany(source, 2);

        assertThat(sources.eventsAfter(SourceId.generate(data.random()), 0, 100)).isEmpty();
    }

    @Test
    void appendKeepsOnlyTheNewestKeepCountEvents() {
        EventSource source = addSource();

        for (int i = 1; i <= 7; i++) {
            sources.append(source.id(), T0.plusMillis(i), "{\"n\":" + i + "}", 3);
        }

        assertThat(sources.eventsAfter(source.id(), 0, 100)).extracting(SourceEvent::sequence).containsExactly(5L, 6L, 7L);
    }

    @Test
    void appendTrimsOnlyTheSourceAppendedTo() {
        EventSource trimmed = addSource();
        EventSource other = addSource();
        appendMany(other, 4);

        for (int i = 0; i < 4; i++) {
            sources.append(trimmed.id(), T0, "{}", 1);
        }

        assertThat(sources.eventsAfter(trimmed.id(), 0, 100)).extracting(SourceEvent::sequence).containsExactly(4L);
        assertThat(sources.eventsAfter(other.id(), 0, 100)).hasSize(4);
    }

    @Test
    void appendAfterTrimmingNeverReusesASequence() {
        EventSource source = addSource();
        for (int i = 0; i < 3; i++) {
            sources.append(source.id(), T0, "{}", 1);
        }

        SourceEvent next = sources.append(source.id(), T0, "{}", 1);

        assertThat(next.sequence()).isEqualTo(4);
    }

    @Test
    void appendAfterEveryEventWasPurgedNeverReusesASequence() {
        EventSource source = addSource();
        appendMany(source, 2);
        sources.purgeEventsBefore(T0.plus(Duration.ofDays(365)));

        SourceEvent next = sources.append(source.id(), T0.plus(Duration.ofDays(400)), "{}", KEEP_ALL);

        assertThat(next.sequence()).isEqualTo(3);
        assertThat(sources.eventsAfter(source.id(), 0, 100)).containsExactly(next);
    }

    @Test
    void appendFromManyThreadsGivesEachEventItsOwnSequence() throws Exception {
        EventSource source = addSource();
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<List<Long>> task = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(sources.append(source.id(), T0, "{}", KEEP_ALL).sequence());
                    }
                    return mine;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(all).allSatisfy(seq -> assertThat(seq).isBetween(1L, (long) threads * perThread));
            assertThat(sources.eventsAfter(source.id(), 0, 1000)).extracting(SourceEvent::sequence)
                    .isSorted().hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeEventsBeforeDropsOlderEventsOfEverySourceAndCountsThem() {
        EventSource one = addSource();
        EventSource two = addSource();
        Instant cutoff = T0.plus(Duration.ofHours(1));
        sources.append(one.id(), cutoff.minusMillis(1), "{}", KEEP_ALL);
        SourceEvent atCutoff = sources.append(one.id(), cutoff, "{}", KEEP_ALL);
        sources.append(two.id(), T0, "{}", KEEP_ALL);
        SourceEvent later = sources.append(two.id(), cutoff.plusMillis(1), "{}", KEEP_ALL);

        int purged = sources.purgeEventsBefore(cutoff);

        assertThat(purged).isEqualTo(2);
        assertThat(sources.eventsAfter(one.id(), 0, 100)).containsExactly(atCutoff);
        assertThat(sources.eventsAfter(two.id(), 0, 100)).containsExactly(later);
    }

    @Test
    void purgeEventsBeforeWhenNothingOlderThenZero() {
        EventSource source = addSource();
        appendMany(source, 2);

        assertThat(sources.purgeEventsBefore(T0)).isZero();
        assertThat(sources.eventsAfter(source.id(), 0, 100)).hasSize(2);
    }

    @Test
    void purgeEventsBeforeKeepsTheSources() {
        EventSource source = addSource();
        appendMany(source, 2);

        sources.purgeEventsBefore(T0.plus(Duration.ofDays(1)));

        assertThat(sources.findById(source.id())).contains(source);
    }

    /** Adds a new source of {@link #workspace}, created by {@link #user}. */
    protected EventSource addSource() {
        EventSource source = new EventSource(SourceId.generate(data.random()), workspace.id(), "source", user.id(), T0);
        sources.add(source);
        return source;
    }

    private void appendMany(EventSource source, int count) {
        for (int i = 1; i <= count; i++) {
            sources.append(source.id(), T0.plusMillis(i), "{\"n\":" + i + "}", KEEP_ALL);
        }
    }
}
