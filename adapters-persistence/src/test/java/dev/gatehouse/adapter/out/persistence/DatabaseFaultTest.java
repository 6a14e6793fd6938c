package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.shared.StoreUnavailableException;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server's connections are killed with {@code pg_terminate_backend} while several threads use it: each call
 * either succeeds or throws {@link StoreUnavailableException}, and once the killing stops the same
 * {@link Database} serves again, with no more connections than its pool holds.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class DatabaseFaultTest {

    private static final int POOL_SIZE = 4;
    private static final int THREADS = 6;
    private static final int KILL_ROUNDS = 6;
    private static final long KILL_EVERY_MILLIS = 300;

    private final TestData data = new TestData();

    @Test
    void callsWhenTheBackendsAreTerminatedUnderLoadThenFailOnlyAsUnavailableAndRecoverWithoutReopening()
            throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        String applicationName = "gatehouse-fault-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        Database server = db.openAnother(applicationName, POOL_SIZE);
        Workspace workspace = data.addWorkspace(db.stores());
        User user = data.addUser(db.stores());
        EventSource source = new EventSource(SourceId.generate(data.random()), workspace.id(), "orders", user.id(), T0);
        db.stores().sources().add(source);
        ClientId client = data.client(workspace.id()).clientId();
        Jdbi admin = db.jdbi();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        int terminated = 0;
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                loops.add(threads.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            call(server, workspace, source, client, thread, i);
                            succeeded.incrementAndGet();
                        } catch (StoreUnavailableException e) {
                            unavailable.incrementAndGet();
                        } catch (Throwable e) {
                            unexpected.add(e);
                        }
                    }
                }));
            }
            for (int round = 0; round < KILL_ROUNDS; round++) {
                Thread.sleep(KILL_EVERY_MILLIS);
                terminated += terminate(admin, applicationName);
            }
            stop.set(true);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }

        assertThat(unexpected).as("failures other than StoreUnavailableException").isEmpty();
        assertThat(terminated).as("backends terminated").isPositive();
        assertThat(unavailable.get()).as("calls that failed as unavailable").isPositive();
        assertThat(succeeded.get()).as("calls that succeeded meanwhile").isPositive();

        Thread.sleep(1_000); // idle connections are then checked before use, and replaced if dead
        for (int i = 0; i < 50; i++) {
            call(server, workspace, source, client, 0, i);
        }
        assertThat(server.isReachable()).isTrue();
        assertThat(backends(admin, applicationName)).isBetween(1, POOL_SIZE);
    }

    @Test
    void openWithAPoolSizeThenFillsThatManyConnectionsAndNoMore() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        String applicationName = "gatehouse-pool-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        db.openAnother(applicationName, 3);
        Jdbi admin = db.jdbi();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backends(admin, applicationName) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(200);

        assertThat(backends(admin, applicationName)).isEqualTo(3);
    }

    /** A read, a single write and a transaction, so that a fault hits each kind of call. */
    private static void call(Database server, Workspace workspace, EventSource source, ClientId client, int thread,
                             int i) {
        switch (i % 3) {
            case 0 -> assertThat(server.workspaces().findById(workspace.id())).isPresent();
            case 1 -> server.revokedTokens().add(new RevokedToken("jti-" + thread + "-" + i + "-" + UUID.randomUUID(),
                    client, T0.plusSeconds(3600), T0));
            default -> server.sources().append(source.id(), T0, "{\"i\":" + i + "}", 100);
        }
    }

    /** Terminates the backends with {@code applicationName}, read first, then killed one by one: no other is hit. */
    private static int terminate(Jdbi admin, String applicationName) {
        return admin.withHandle(handle -> {
            List<Integer> pids = handle.createQuery("SELECT pid FROM pg_stat_activity WHERE application_name = :applicationName")
                    .bind("applicationName", applicationName)
                    .mapTo(Integer.class)
                    .list();
            int terminated = 0;
            for (int pid : pids) {
                if (handle.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", pid).mapTo(Boolean.class).one()) {
                    terminated++;
                }
            }
            return terminated;
        });
    }

    private static int backends(Jdbi admin, String applicationName) {
        return admin.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :applicationName")
                .bind("applicationName", applicationName)
                .mapTo(Integer.class)
                .one());
    }
}
