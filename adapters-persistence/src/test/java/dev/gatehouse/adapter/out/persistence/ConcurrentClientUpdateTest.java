package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many threads on two servers change one client at once, each reading it, changing it and updating it, and
 * trying again when {@code update} answers false: every change lands, none overwrites another.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class ConcurrentClientUpdateTest {

    private static final int THREADS = 50;

    private final TestData data = new TestData();

    @Test
    void updateWhenThreadsRaceOnH2ThenNoChangeIsLost() throws Exception {
        updatesRace(TestDatabases::h2);
    }

    @Test
    void updateWhenThreadsRaceOnPostgresThenNoChangeIsLost() throws Exception {
        updatesRace(TestDatabases::postgres);
    }

    private void updatesRace(Supplier<TestDatabases.TestDatabase> databases) throws Exception {
        TestDatabases.TestDatabase db = databases.get();
        List<Database> servers = List.of(db.database(), db.openAnother());
        Workspace workspace = data.addWorkspace(db.stores());
        OAuthClient initial = data.client(workspace.id());
        db.database().clients().add(initial);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<CompletableFuture<Long>> updaters = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Database server = servers.get(t % servers.size());
                String mark = "%02d".formatted(t);
                updaters.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return appendToName(server, initial, mark);
                }, threads));
            }
            List<Long> written = new ArrayList<>();
            for (CompletableFuture<Long> updater : updaters) {
                written.add(updater.get(120, TimeUnit.SECONDS));
            }

            OAuthClient last = db.database().clients().findById(initial.id()).orElseThrow();
            assertThat(last.version()).isEqualTo(initial.version() + THREADS);
            assertThat(written).containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(initial.version() + 1, initial.version() + THREADS).boxed().toList());
            assertThat(Arrays.stream(last.name().split(" ")).skip(1).toList())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, THREADS).mapToObj("%02d"::formatted).toList());
            assertThat(last.updatedAt()).isEqualTo(T0.plusMillis(last.version()));
            assertThat(last.createdAt()).isEqualTo(initial.createdAt());
            assertThat(last.lastUsedAt()).isEqualTo(initial.lastUsedAt());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Adds {@code mark} to the client's name, retrying until its update wins; answers the version it wrote. */
    private static long appendToName(Database server, OAuthClient client, String mark) {
        while (true) {
            OAuthClient current = server.clients().findById(client.id()).orElseThrow();
            OAuthClient next = current.patched(Optional.of(current.name() + " " + mark), Optional.empty(),
                    Optional.empty(), T0.plusMillis(current.version() + 1));
            if (server.clients().update(next)) {
                return next.version();
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
