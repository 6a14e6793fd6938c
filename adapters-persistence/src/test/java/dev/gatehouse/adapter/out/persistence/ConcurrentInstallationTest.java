package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.out.InstallationRepository.Installation;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two servers, each with its own connection pool, start at once on one empty database: exactly one installs. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class ConcurrentInstallationTest {

    private static final int ROUNDS = 10;

    private final TestData data = new TestData();

    @Test
    void installIfEmptyWhenTwoServersRaceOnH2ThenExactlyOneInstalls() throws Exception {
        raceRounds(TestDatabases::h2);
    }

    @Test
    void installIfEmptyWhenTwoServersRaceOnPostgresThenExactlyOneInstalls() throws Exception {
        raceRounds(TestDatabases::postgres);
    }

    private void raceRounds(Supplier<TestDatabases.TestDatabase> databases) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TestDatabases.TestDatabase db = databases.get();
                Database first = db.database();
                Database second = db.openAnother();
                Installation a = installation();
                Installation b = installation();
                CyclicBarrier start = new CyclicBarrier(2);

                CompletableFuture<Boolean> ra = CompletableFuture.supplyAsync(() -> install(first, a, start), threads);
                CompletableFuture<Boolean> rb = CompletableFuture.supplyAsync(() -> install(second, b, start), threads);
                List<Boolean> results = List.of(ra.get(30, TimeUnit.SECONDS), rb.get(30, TimeUnit.SECONDS));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                Installation winner = results.get(0) ? a : b;
                Installation loser = results.get(0) ? b : a;
                assertThat(first.workspaces().findWorkspacesOf(winner.owner().id())).containsExactly(winner.workspace());
                assertThat(second.apiKeys().findLiveByUser(winner.owner().id())).contains(winner.apiKey());
                assertThat(first.workspaces().findById(loser.workspace().id())).isEmpty();
                assertThat(second.users().findById(loser.owner().id())).isEmpty();
                assertThat(first.apiKeys().findByHash(loser.apiKey().hash())).isEmpty();
                TestDatabases.closeAll();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static boolean install(Database database, Installation installation, CyclicBarrier start) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return database.installations().installIfEmpty(installation);
    }

    /** Both servers make the same owner email, as two first starts of the real service would. */
    private Installation installation() {
        Workspace workspace = data.workspace();
        User owner = data.user("owner@gatehouse.local", T0);
        return new Installation(workspace, owner, new Membership(workspace.id(), owner.id(), Role.OWNER),
                data.apiKey(owner.id(), T0).key());
    }
}
