package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.cluster.port.out.ClusterSignals;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signals between two servers on one PostgreSQL database, and how a listener reads them. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class PostgresClusterSignalsTest {

    private static final String CREDENTIALS = "credentials";
    /** Notifications reach a listener well within the 1 s that cross-node consistency allows. */
    private static final long WITHIN_MILLIS = 1_000;
    private static final long QUIET_MILLIS = 700;

    private final TestData data = new TestData();

    @Test
    void credentialsChangedOnOneServerReachesTheOtherWithinOneSecondAndNotItself() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        Database a = db.database();
        Database b = db.openAnother();
        Recorder onA = listening(a);
        Recorder onB = listening(b);

        long start = System.nanoTime();
        a.clusterSignals().credentialsChanged();

        assertThat(onB.next(WITHIN_MILLIS)).contains(CREDENTIALS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(WITHIN_MILLIS);
        assertThat(onA.next(QUIET_MILLIS)).isEmpty();

        b.clusterSignals().credentialsChanged();

        assertThat(onA.next(WITHIN_MILLIS)).contains(CREDENTIALS);
        assertThat(onB.next(QUIET_MILLIS)).isEmpty();
    }

    @Test
    void eventAppendedCarriesTheSourceAndTheSequence() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        Database a = db.database();
        Database b = db.openAnother();
        Recorder onB = listening(b);
        SourceId source = SourceId.generate(data.random());

        a.clusterSignals().eventAppended(source, 42);
        a.clusterSignals().eventAppended(source, Long.MAX_VALUE);

        assertThat(onB.next(WITHIN_MILLIS)).contains("event " + source.value() + " 42");
        assertThat(onB.next(WITHIN_MILLIS)).contains("event " + source.value() + " " + Long.MAX_VALUE);
    }

    @Test
    void auditRecordedCarriesTheWorkspaceToTheOtherServersAndNotItself() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        Database a = db.database();
        Database b = db.openAnother();
        Recorder onA = listening(a);
        Recorder onB = listening(b);
        WorkspaceId workspace = WorkspaceId.generate(data.random());

        a.clusterSignals().auditRecorded(workspace);

        assertThat(onB.next(WITHIN_MILLIS)).contains("audit " + workspace.value());
        assertThat(onA.next(300)).isEmpty();
    }

    @Test
    void listenerWhenItsConnectionIsTerminatedThenReconnectsTellsCredentialsChangedOnceAndKeepsDelivering()
            throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        Database a = db.database();
        Database b = db.openAnother();
        Recorder onA = listening(a);
        Jdbi admin = db.jdbi();
        String listen = "LISTEN \"" + channel(admin) + "\"";
        int before = listenerPid(admin, listen).orElseThrow();

        boolean terminated = admin.withHandle(handle -> handle.createQuery("SELECT pg_terminate_backend(:pid)")
                .bind("pid", before)
                .mapTo(Boolean.class)
                .one());

        assertThat(terminated).isTrue();
        assertThat(onA.next(5_000)).as("after reconnecting").contains(CREDENTIALS);
        assertThat(onA.next(QUIET_MILLIS)).as("only once").isEmpty();
        assertThat(listenerPid(admin, listen)).isPresent().get().isNotEqualTo(before);

        b.clusterSignals().credentialsChanged();
        SourceId source = SourceId.generate(data.random());
        b.clusterSignals().eventAppended(source, 7);

        assertThat(onA.next(WITHIN_MILLIS)).contains(CREDENTIALS);
        assertThat(onA.next(WITHIN_MILLIS)).contains("event " + source.value() + " 7");
    }

    @Test
    void closeStopsListeningAndClosesTheListenerConnection() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        Database a = db.database();
        Database b = db.openAnother();
        Recorder onA = listening(a);
        Jdbi admin = db.jdbi();
        String listen = "LISTEN \"" + channel(admin) + "\"";
        assertThat(listenerPid(admin, listen)).isPresent();

        a.close();
        b.clusterSignals().credentialsChanged();

        assertThat(onA.next(QUIET_MILLIS)).isEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listenerPid(admin, listen).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(listenerPid(admin, listen)).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("gatehouse-cluster-signals");
    }

    @Test
    void listenTwiceThenRefused() throws Exception {
        Database a = TestDatabases.postgres().database();
        listening(a);

        assertThatThrownBy(() -> a.clusterSignals().listen(new Recorder()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clusterSignalsOnH2AreNone() {
        assertThat(TestDatabases.h2().database().clusterSignals()).isSameAs(ClusterSignals.NONE);
    }

    @Test
    void sendWhenTheDatabaseIsUnreachableThenReturnsWithoutThrowing() {
        PostgresClusterSignals signals = new PostgresClusterSignals(
                Jdbi.create("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", "secret"),
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", "secret",
                PostgresClusterSignals.CHANNEL);

        signals.credentialsChanged();
        signals.eventAppended(SourceId.generate(data.random()), 1);
        signals.close();
    }

    @Test
    void deliverSkipsTheServersOwnSignals() {
        Recorder recorder = new Recorder();

        assertThat(PostgresClusterSignals.deliver("c:me", "me", recorder)).isFalse();
        assertThat(PostgresClusterSignals.deliver("e:me:dc_abc:3", "me", recorder)).isFalse();
        assertThat(PostgresClusterSignals.deliver("a:me:o_abc", "me", recorder)).isFalse();
        assertThat(recorder.all()).isEmpty();
    }

    @Test
    void deliverHandsOtherServersSignalsToTheListener() {
        Recorder recorder = new Recorder();

        assertThat(PostgresClusterSignals.deliver("c:other", "me", recorder)).isTrue();
        assertThat(PostgresClusterSignals.deliver("e:other:dc_abc:3", "me", recorder)).isTrue();
        assertThat(PostgresClusterSignals.deliver("a:other:o_abc", "me", recorder)).isTrue();
        assertThat(recorder.all()).containsExactly(CREDENTIALS, "event dc_abc 3", "audit o_abc");
    }

    @Test
    void deliverIgnoresWhatItCannotRead() {
        Recorder recorder = new Recorder();

        for (String payload : new String[] {"", "c", "x:other", "e:other", "e:other:dc_abc", "e:other:dc_abc:x",
                "e:other:not-a-source:1", "e::dc_abc:1", "a:other", "a:other:", "a:other:not-a-workspace", "a::o_abc"}) {
            assertThat(PostgresClusterSignals.deliver(payload, "me", recorder)).as(payload).isFalse();
        }
        assertThat(recorder.all()).isEmpty();
    }

    @Test
    void deliverWhenTheListenerFailsThenDoesNotThrow() {
        ClusterSignals.Listener failing = new ClusterSignals.Listener() {
            @Override
            public void credentialsChanged() {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void eventAppended(SourceId source, long sequence) {
                throw new IllegalStateException("listener bug");
            }
        };

        assertThat(PostgresClusterSignals.deliver("c:other", "me", failing)).isTrue();
        assertThat(PostgresClusterSignals.deliver("e:other:dc_abc:1", "me", failing)).isTrue();
    }

    @Test
    void channelForIsTheSharedNameInPublicAndOneNamePerSchemaElsewhereWithinPostgresLimit() {
        assertThat(PostgresClusterSignals.channelFor("public")).isEqualTo("gatehouse_changes");
        assertThat(PostgresClusterSignals.channelFor(null)).isEqualTo("gatehouse_changes");
        assertThat(PostgresClusterSignals.channelFor("tenant_a")).isEqualTo("gatehouse_changes_tenant_a");
        String longName = PostgresClusterSignals.channelFor("é".repeat(40));
        assertThat(longName).startsWith("gatehouse_changes_é");
        assertThat(longName.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    }

    /** Starts {@code server} listening, and waits until its listener is connected, which it says once. */
    private static Recorder listening(Database server) throws InterruptedException {
        Recorder recorder = new Recorder();
        server.clusterSignals().listen(recorder);
        assertThat(recorder.next(5_000)).as("on connecting").contains(CREDENTIALS);
        return recorder;
    }

    private static String channel(Jdbi admin) {
        return PostgresClusterSignals.channelFor(admin.withHandle(handle -> handle.createQuery("SELECT current_schema()")
                .mapTo(String.class)
                .one()));
    }

    private static Optional<Integer> listenerPid(Jdbi admin, String listen) {
        return admin.withHandle(handle -> handle.createQuery("""
                        SELECT pid
                          FROM pg_stat_activity
                         WHERE application_name = :applicationName AND query = :listen
                        """)
                .bind("applicationName", PostgresClusterSignals.LISTENER_APPLICATION_NAME)
                .bind("listen", listen)
                .mapTo(Integer.class)
                .findOne());
    }

    /** What a listener was told, in order: {@code credentials}, or {@code event <source> <sequence>}. */
    private static final class Recorder implements ClusterSignals.Listener {
        private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();

        @Override
        public void credentialsChanged() {
            signals.add(CREDENTIALS);
        }

        @Override
        public void eventAppended(SourceId source, long sequence) {
            signals.add("event " + source.value() + " " + sequence);
        }

        @Override
        public void auditRecorded(WorkspaceId workspace) {
            signals.add("audit " + workspace.value());
        }

        Optional<String> next(long millis) throws InterruptedException {
            return Optional.ofNullable(signals.poll(millis, TimeUnit.MILLISECONDS));
        }

        List<String> all() {
            List<String> all = new ArrayList<>();
            signals.drainTo(all);
            return all;
        }
    }
}
