package dev.gatehouse.application.token.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.testing.ForwardingOAuthClientRepository;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LastUsedTrackerTest {

    private final TestData data = new TestData(new SplittableRandom(30));
    private Stores stores;
    private RecordingRepository clients;
    private LastUsedTracker tracker;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        clients = new RecordingRepository(stores.clients());
        tracker = new LastUsedTracker(clients);
        workspace = data.addWorkspace(stores);
    }

    @Test
    void usedWritesNothingUntilTheFlush() {
        OAuthClient client = addClient();

        tracker.used(client.id(), T0.plusSeconds(1));

        assertThat(clients.marks).isEmpty();
        assertThat(lastUsedAt(client)).isEmpty();
    }

    @Test
    void flushWritesOncePerClientWithItsLatestTime() {
        OAuthClient client = addClient();
        tracker.used(client.id(), T0.plusSeconds(1));
        tracker.used(client.id(), T0.plusSeconds(3));
        tracker.used(client.id(), T0.plusSeconds(2));

        assertThat(tracker.flush()).isEqualTo(1);

        assertThat(clients.marks).containsExactly(new Mark(client.id(), T0.plusSeconds(3)));
        assertThat(lastUsedAt(client)).contains(T0.plusSeconds(3));
    }

    @Test
    void flushWritesEachClientOnceAndCountsThem() {
        OAuthClient a = addClient();
        OAuthClient b = addClient();
        OAuthClient unused = addClient();
        tracker.used(a.id(), T0.plusSeconds(5));
        tracker.used(b.id(), T0.plusSeconds(6));
        tracker.used(a.id(), T0.plusSeconds(7));

        assertThat(tracker.flush()).isEqualTo(2);

        assertThat(clients.marks).containsExactlyInAnyOrder(new Mark(a.id(), T0.plusSeconds(7)), new Mark(b.id(), T0.plusSeconds(6)));
        assertThat(lastUsedAt(unused)).isEmpty();
    }

    @Test
    void flushAgainWithNothingNewWritesNothing() {
        OAuthClient client = addClient();
        tracker.used(client.id(), T0.plusSeconds(1));
        tracker.flush();

        assertThat(tracker.flush()).isZero();

        assertThat(clients.marks).hasSize(1);
    }

    @Test
    void aUseAfterTheFlushIsWrittenByTheNextOne() {
        OAuthClient client = addClient();
        tracker.used(client.id(), T0.plusSeconds(1));
        tracker.flush();
        tracker.used(client.id(), T0.plusSeconds(60));

        assertThat(tracker.flush()).isEqualTo(1);

        assertThat(lastUsedAt(client)).contains(T0.plusSeconds(60));
    }

    @Test
    void flushWithNothingUsedWritesNothing() {
        assertThat(tracker.flush()).isZero();
        assertThat(clients.marks).isEmpty();
    }

    @Test
    void flushLeavesTheClientsVersionAndChangeTimeAlone() {
        OAuthClient client = addClient();
        tracker.used(client.id(), T0.plus(Duration.ofHours(1)));

        tracker.flush();

        OAuthClient found = stores.clients().findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(client.usedAt(T0.plus(Duration.ofHours(1))));
        assertThat(found.version()).isZero();
    }

    @Test
    void usesFromManyThreadsKeepTheLatestTime() throws Exception {
        OAuthClient client = addClient();
        int threads = 16;
        int usesEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < usesEach; i++) {
                        tracker.used(client.id(), T0.plusMillis((long) i * threads + thread));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(tracker.flush()).isEqualTo(1);

        assertThat(lastUsedAt(client)).contains(T0.plusMillis((long) usesEach * threads - 1));
    }

    private OAuthClient addClient() {
        OAuthClient client = data.client(workspace.id());
        stores.clients().add(client);
        return client;
    }

    private Optional<Instant> lastUsedAt(OAuthClient client) {
        return stores.clients().findById(client.id()).orElseThrow().lastUsedAt();
    }

    private record Mark(OAuthClientRecordId id, Instant when) {}

    /** Passes everything on, and records each {@code markUsed}. */
    private static final class RecordingRepository extends ForwardingOAuthClientRepository {
        final List<Mark> marks = Collections.synchronizedList(new ArrayList<>());

        RecordingRepository(OAuthClientRepository delegate) {
            super(delegate);
        }

        @Override
        public void markUsed(OAuthClientRecordId id, Instant when) {
            marks.add(new Mark(id, when));
            super.markUsed(id, when);
        }
    }
}
