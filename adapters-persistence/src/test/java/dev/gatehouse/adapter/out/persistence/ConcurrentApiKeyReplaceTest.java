package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.User;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two servers replace the same API key at once: exactly one replacement happens. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class ConcurrentApiKeyReplaceTest {

    private static final int ROUNDS = 10;

    private final TestData data = new TestData();

    @Test
    void replaceWhenTwoServersRaceOnH2ThenExactlyOneWins() throws Exception {
        raceRounds(TestDatabases::h2);
    }

    @Test
    void replaceWhenTwoServersRaceOnPostgresThenExactlyOneWins() throws Exception {
        raceRounds(TestDatabases::postgres);
    }

    private void raceRounds(Supplier<TestDatabases.TestDatabase> databases) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TestDatabases.TestDatabase db = databases.get();
                Database first = db.database();
                Database second = db.openAnother();
                User user = data.addUser(db.stores());
                ApiKey current = data.apiKey(user.id(), T0).key();
                first.apiKeys().save(current);
                Instant revokedAt = T0.plusSeconds(60);
                ApiKey a = data.apiKey(user.id(), revokedAt).key();
                ApiKey b = data.apiKey(user.id(), revokedAt).key();
                CyclicBarrier start = new CyclicBarrier(2);

                CompletableFuture<Boolean> ra = CompletableFuture.supplyAsync(
                        () -> replace(first, current, revokedAt, a, start), threads);
                CompletableFuture<Boolean> rb = CompletableFuture.supplyAsync(
                        () -> replace(second, current, revokedAt, b, start), threads);
                List<Boolean> results = List.of(ra.get(30, TimeUnit.SECONDS), rb.get(30, TimeUnit.SECONDS));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                ApiKey winner = results.get(0) ? a : b;
                ApiKey loser = results.get(0) ? b : a;
                assertThat(first.apiKeys().findLiveByUser(user.id())).contains(winner);
                assertThat(second.apiKeys().findByHash(loser.hash())).isEmpty();
                assertThat(first.apiKeys().findByHash(current.hash())).contains(TestData.revoked(current, revokedAt));
                assertThat(second.apiKeys().revokedSince(T0)).containsExactly(TestData.revoked(current, revokedAt));
                TestDatabases.closeAll();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static boolean replace(Database server, ApiKey current, Instant revokedAt, ApiKey next,
                                   CyclicBarrier start) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server.apiKeys().replace(current.id(), revokedAt, next);
    }
}
