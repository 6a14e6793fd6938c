package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Appends to one source from several threads and two connection pools (two servers) at once: every event
 * gets its own number, the numbers run 1, 2, 3… without a gap, and none is reused after trimming.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class ConcurrentSourceAppendTest {

    private static final int THREADS = 8;
    private static final int APPENDS_PER_THREAD = 25;
    private static final int DELETE_ROUNDS = 10;

    private final TestData data = new TestData();

    @Test
    void appendWhenThreadsRaceOnH2ThenSequencesAreDistinctAndConsecutive() throws Exception {
        appendsRace(TestDatabases::h2, Integer.MAX_VALUE);
    }

    @Test
    void appendWhenThreadsRaceOnPostgresThenSequencesAreDistinctAndConsecutive() throws Exception {
        appendsRace(TestDatabases::postgres, Integer.MAX_VALUE);
    }

    @Test
    void appendWhenThreadsRaceAndTrimOnH2ThenTheNewestAreKept() throws Exception {
        appendsRace(TestDatabases::h2, 10);
    }

    @Test
    void appendWhenThreadsRaceAndTrimOnPostgresThenTheNewestAreKept() throws Exception {
        appendsRace(TestDatabases::postgres, 10);
    }

    @Test
    void appendRacingDeleteOnH2ThenNoEventOutlivesTheSource() throws Exception {
        appendRacesDelete(TestDatabases::h2);
    }

    @Test
    void appendRacingDeleteOnPostgresThenNoEventOutlivesTheSource() throws Exception {
        appendRacesDelete(TestDatabases::postgres);
    }

    private void appendsRace(Supplier<TestDatabases.TestDatabase> databases, int keepCount) throws Exception {
        TestDatabases.TestDatabase db = databases.get();
        List<Database> servers = List.of(db.database(), db.openAnother());
        SourceId source = addSource(db.stores());
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<CompletableFuture<List<SourceEvent>>> appenders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Database server = servers.get(t % servers.size());
                int thread = t;
                appenders.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    List<SourceEvent> appended = new ArrayList<>();
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        appended.add(server.sources().append(source, T0.plusMillis(i),
                                "{\"thread\":" + thread + ",\"i\":" + i + "}", keepCount));
                    }
                    return appended;
                }, threads));
            }
            List<SourceEvent> appended = new ArrayList<>();
            for (CompletableFuture<List<SourceEvent>> appender : appenders) {
                appended.addAll(appender.get(60, TimeUnit.SECONDS));
            }

            int total = THREADS * APPENDS_PER_THREAD;
            assertThat(appended).extracting(SourceEvent::sequence)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            List<SourceEvent> kept = db.database().sources().eventsAfter(source, 0, total + 1);
            List<SourceEvent> newest = appended.stream()
                    .filter(event -> event.sequence() > total - Math.min(keepCount, total))
                    .sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
                    .toList();
            assertThat(kept).containsExactlyElementsOf(newest);

            SourceEvent next = db.database().sources().append(source, T0, "{}", 1);
            assertThat(next.sequence()).isEqualTo(total + 1);
            assertThat(db.database().sources().eventsAfter(source, 0, total + 2)).containsExactly(next);
        } finally {
            threads.shutdownNow();
        }
    }

    private void appendRacesDelete(Supplier<TestDatabases.TestDatabase> databases) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < DELETE_ROUNDS; round++) {
                TestDatabases.TestDatabase db = databases.get();
                Database first = db.database();
                Database second = db.openAnother();
                SourceId source = addSource(db.stores());
                first.sources().append(source, T0, "{\"before\":true}", 100);
                CyclicBarrier start = new CyclicBarrier(2);

                CompletableFuture<Optional<SourceEvent>> append = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    try {
                        return Optional.of(first.sources().append(source, T0, "{\"racing\":true}", 100));
                    } catch (NotFoundException e) {
                        return Optional.empty();
                    }
                }, threads);
                CompletableFuture<Boolean> delete = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return second.sources().delete(source);
                }, threads);

                assertThat(delete.get(30, TimeUnit.SECONDS)).as("round %d", round).isTrue();
                Optional<SourceEvent> appended = append.get(30, TimeUnit.SECONDS);
                appended.ifPresent(event -> assertThat(event.sequence()).isEqualTo(2));
                assertThat(first.sources().findById(source)).isEmpty();
                assertThat(first.sources().eventsAfter(source, 0, 10)).as("round %d", round).isEmpty();
                long stored = db.jdbi().withHandle(handle -> handle.createQuery(
                                "SELECT COUNT(*) FROM source_events WHERE source_id = :id")
                        .bind("id", source.value())
                        .mapTo(Long.class)
                        .one());
                assertThat(stored).as("round %d", round).isZero();
                TestDatabases.closeAll();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private SourceId addSource(Stores stores) {
        Workspace workspace = data.addWorkspace(stores);
        User user = data.addUser(stores);
        EventSource source = new EventSource(SourceId.generate(data.random()), workspace.id(), "orders", user.id(), T0);
        stores.sources().add(source);
        return source.id();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
