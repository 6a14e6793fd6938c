package dev.gatehouse.application.source.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.InsufficientScopeException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditStreamServiceTest {

    private static final Duration QUIET = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestData data = new TestData(new SplittableRandom(17));
    private final List<EventStream> opened = new ArrayList<>();
    private Stores stores;
    private AuditLog audit;
    private AuditStreamService service;
    private Workspace workspace;
    private User admin;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = stores.audit();
        service = new AuditStreamService(audit, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        workspace = data.addWorkspace(stores);
        admin = data.addMember(stores, workspace.id(), Role.ADMIN);
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(EventStream::close);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"OWNER", "ADMIN"})
    void subscribeWhenTheUserAdministersTheWorkspaceThenAllowed(Role role) {
        User user = data.addMember(stores, workspace.id(), role);

        assertThat(subscribe(user(user), Optional.empty())).isNotNull();
    }

    @Test
    void subscribeWhenTheUserIsAMemberOnlyThenForbidden() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThatThrownBy(() -> service.subscribe(user(member), workspace.id(), Optional.empty()))
                .isInstanceOf(ForbiddenException.class)
                .isNotInstanceOf(InsufficientScopeException.class);
    }

    @Test
    void subscribeWhenTheUserIsOutsideTheWorkspaceThenNotFound() {
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.subscribe(user(outsider), workspace.id(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit:read", "*", "workspace:read audit:read"})
    void subscribeWhenAClientOfTheWorkspaceHoldsAuditReadThenAllowed(String scopes) {
        assertThat(subscribe(client(workspace.id(), scopes), Optional.empty())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"workspace:read", "sources:read sources:write", "connect:*"})
    void subscribeWhenAClientLacksAuditReadThenInsufficientScope(String scopes) {
        assertThatThrownBy(() -> service.subscribe(client(workspace.id(), scopes), workspace.id(), Optional.empty()))
                .isInstanceOfSatisfying(InsufficientScopeException.class,
                        e -> assertThat(e.needed()).isEqualTo(new Scope("audit:read")));
    }

    @Test
    void subscribeWhenAClientOfAnotherWorkspaceThenNotFound() {
        Workspace other = data.addWorkspace(stores);

        assertThatThrownBy(() -> service.subscribe(client(other.id(), "audit:read"), workspace.id(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theStreamDeliversTheEventsRecordedAfterSubscribingOnly() throws Exception {
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        EventStream stream = subscribe(user(admin), Optional.empty());
        assertThat(stream.next(QUIET)).isEmpty();

        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(5)));
        service.poll();
        StreamedEvent event = stream.next(WAIT).orElseThrow();

        RecordedAuditEvent recorded = lastRecorded();
        assertThat(event.id()).isEqualTo(T0.plusMillis(5).toEpochMilli() + "-" + recorded.id());
        assertThat(event.timestampMillis()).isEqualTo(T0.plusMillis(5).toEpochMilli());
        assertThat(event.eventJson()).isEmpty();
        assertThat(event.eventFields()).containsEntry("type", "api_key.revoked")
                .containsEntry("workspace_id", workspace.id().value())
                .containsEntry("at", T0.plusMillis(5).toString())
                .containsEntry("user_id", admin.id().value());
        assertThat(stream.next(QUIET)).isEmpty();
    }

    @Test
    void theStreamLeavesOutOtherWorkspacesEvents() throws Exception {
        Workspace other = data.addWorkspace(stores);
        EventStream stream = subscribe(user(admin), Optional.empty());

        audit.record(new AuditEvent.ApiKeyRevoked(other.id(), admin.id(), T0));
        audit.record(new AuditEvent.WorkspaceBootstrapped(workspace.id(), admin.id(), T0));
        service.poll();

        assertThat(stream.next(WAIT)).hasValueSatisfying(
                event -> assertThat(event.eventFields()).containsEntry("type", "workspace.bootstrapped"));
        assertThat(stream.next(QUIET)).isEmpty();
    }

    @Test
    void theStreamWithLastEventIdReplaysTheMissedEventsThenLiveOnes() throws Exception {
        for (int i = 0; i < 3; i++) {
            audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(i)));
        }
        List<RecordedAuditEvent> recorded = audit.after(workspace.id(), 0, 100);
        String firstId = T0.toEpochMilli() + "-" + recorded.get(0).id();
        EventStream stream = subscribe(client(workspace.id(), "audit:read"), Optional.of(firstId));

        List<String> replayed = drain(stream);
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(3)));
        List<String> live = drain(stream);

        assertThat(replayed).containsExactly(
                T0.plusMillis(1).toEpochMilli() + "-" + recorded.get(1).id(),
                T0.plusMillis(2).toEpochMilli() + "-" + recorded.get(2).id());
        assertThat(live).containsExactly(T0.plusMillis(3).toEpochMilli() + "-" + lastRecorded().id());
    }

    @Test
    void theStreamWithALastEventIdBeyondTheNewestEventGetsTheNextLiveEvents() throws Exception {
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        EventStream stream = subscribe(user(admin), Optional.of(T0.toEpochMilli() + "-999999"));

        List<String> replayed = drain(stream);
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(1)));
        List<String> live = drain(stream);

        assertThat(replayed).isEmpty();
        assertThat(live).containsExactly(T0.plusMillis(1).toEpochMilli() + "-" + lastRecorded().id());
    }

    @Test
    void theStreamWithLastEventIdZeroReplaysEveryEvent() throws Exception {
        for (int i = 0; i < 120; i++) {
            audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(i)));
        }

        EventStream stream = subscribe(user(admin), Optional.of("0-0"));

        assertThat(drain(stream)).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void theStreamWithAMalformedLastEventIdStartsWithTheEventsToCome() throws Exception {
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        EventStream stream = subscribe(user(admin), Optional.of("garbage"));

        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(1)));

        assertThat(drain(stream)).containsExactly(T0.plusMillis(1).toEpochMilli() + "-" + lastRecorded().id());
    }

    @Test
    void theStreamNeverCarriesTheClientSecret() throws Exception {
        OAuthClient.Registration registration = data.registration(workspace.id(), T0, "*");
        OAuthClient client = registration.client();
        EventStream stream = subscribe(user(admin), Optional.empty());

        audit.record(new AuditEvent.OAuthClientCreated(workspace.id(), admin.id(), client.id(), client.clientId(),
                client.name(), T0));
        service.poll();

        StreamedEvent event = stream.next(WAIT).orElseThrow();
        assertThat(event.eventFields().values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(registration.secret().value())
                .doesNotContain(client.secretHash().hex()));
        assertThat(event.eventFields()).containsEntry("client_id", client.clientId().value());
    }

    @Test
    void manyStreamsOfAWorkspaceCostOneReadOfTheLogPerPoll() throws Exception {
        CountingAuditLog counting = new CountingAuditLog(audit);
        service = new AuditStreamService(counting, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        List<EventStream> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            streams.add(subscribe(user(admin), Optional.empty()));
        }
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        counting.reads = 0;

        service.poll();
        for (EventStream stream : streams) {
            assertThat(stream.next(Duration.ZERO)).hasValueSatisfying(
                    event -> assertThat(event.eventFields()).containsEntry("type", "api_key.revoked"));
            assertThat(stream.next(Duration.ZERO)).isEmpty();
        }

        assertThat(counting.reads).isEqualTo(1);
    }

    @Test
    void aPollWakesTheStreamsOfAWorkspaceOnlyWhenItFoundNewEvents() {
        Workspace other = data.addWorkspace(stores);
        EventStream stream = subscribe(user(admin), Optional.empty());
        AtomicInteger wakes = new AtomicInteger();
        stream.onAvailable(wakes::incrementAndGet);

        service.poll();
        audit.record(new AuditEvent.ApiKeyRevoked(other.id(), admin.id(), T0));
        service.poll();
        assertThat(wakes).hasValue(0);

        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        service.poll();
        service.poll();
        assertThat(wakes).hasValue(1);
    }

    @Test
    void closingTheLastStreamOfAWorkspaceStopsReadingItsLog() {
        CountingAuditLog counting = new CountingAuditLog(audit);
        service = new AuditStreamService(counting, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        EventStream first = subscribe(user(admin), Optional.empty());
        EventStream second = subscribe(user(admin), Optional.empty());
        assertThat(service.watchedWorkspaces()).isEqualTo(1);

        first.close();
        first.close();
        counting.reads = 0;
        service.poll();
        assertThat(counting.reads).isEqualTo(1);

        second.close();
        counting.reads = 0;
        service.poll();
        assertThat(counting.reads).isZero();
        assertThat(service.watchedWorkspaces()).isZero();
    }

    @Test
    void streamsFurtherBackThanTheKeptEventsReadTheLogUntilTheyCatchUp() throws Exception {
        long before = audit.latestId(workspace.id());
        EventStream live = subscribe(user(admin), Optional.empty());
        int count = AuditStreamService.KEPT + 300;
        for (int i = 0; i < count; i++) {
            audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(i)));
        }
        service.poll();
        service.poll();
        EventStream resumed = subscribe(user(admin), Optional.of("0-0"));
        List<String> all = audit.after(workspace.id(), 0, 10_000).stream()
                .map(event -> event.at().toEpochMilli() + "-" + event.id()).toList();
        List<String> sinceSubscribing = audit.after(workspace.id(), before, 10_000).stream()
                .map(event -> event.at().toEpochMilli() + "-" + event.id()).toList();

        assertThat(drain(live)).hasSize(count).containsExactlyElementsOf(sinceSubscribing);
        assertThat(drain(resumed)).containsExactlyElementsOf(all);
    }

    @Test
    void anEventThatCommitsAfterANewerOneIsStillDeliveredOnce() throws Exception {
        ScriptedAuditLog log = new ScriptedAuditLog();
        service = new AuditStreamService(log, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        EventStream stream = subscribe(user(admin), Optional.empty());

        log.commit(new RecordedAuditEvent(2, workspace.id(), "api_key.revoked", T0, Map.of()));
        List<String> first = drain(stream);
        log.commit(new RecordedAuditEvent(1, workspace.id(), "api_key.revoked", T0, Map.of()));
        List<String> late = drain(stream);

        assertThat(first).containsExactly(T0.toEpochMilli() + "-2");
        assertThat(late).containsExactly(T0.toEpochMilli() + "-1");
        assertThat(drain(stream)).isEmpty();
    }

    @Test
    void aPollReadsEveryWorkspaceEvenWhenOneReadFails() throws Exception {
        Workspace other = data.addWorkspace(stores);
        User otherAdmin = data.addMember(stores, other.id(), Role.ADMIN);
        CountingAuditLog failing = new CountingAuditLog(audit);
        service = new AuditStreamService(failing, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        subscribe(user(admin), Optional.empty());
        EventStream healthy = service.subscribe(user(otherAdmin), other.id(), Optional.empty());
        opened.add(healthy);
        audit.record(new AuditEvent.ApiKeyRevoked(other.id(), otherAdmin.id(), T0));
        failing.failing = workspace.id();

        assertThatThrownBy(service::poll).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(healthy.next(Duration.ZERO)).isPresent();
    }

    @Test
    void anEventThatCommitsBetweenThePagesOfOneReadIsDelivered() throws Exception {
        ScriptedAuditLog log = new ScriptedAuditLog();
        service = new AuditStreamService(log, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        EventStream stream = subscribe(user(admin), Optional.empty());
        for (long id = 1; id <= 400; id++) {
            if (id != 150) {
                log.commit(recorded(id));
            }
        }
        log.afterNextRead(() -> log.commit(recorded(150)));

        List<String> got = drain(stream);

        assertThat(got).containsExactlyElementsOf(idsFrom(1, 400));
    }

    @Test
    void aStreamBehindTheOthersGetsALateCommitThatTheSharedReadHadPassed() throws Exception {
        ScriptedAuditLog log = new ScriptedAuditLog();
        service = new AuditStreamService(log, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        EventStream behind = subscribe(user(admin), Optional.empty());
        EventStream ahead = subscribe(user(admin), Optional.empty());
        for (long id = 1; id <= 200; id++) {
            if (id != 10) {
                log.commit(recorded(id));
            }
        }
        assertThat(drain(ahead)).hasSize(199);

        log.commit(recorded(10));

        assertThat(drain(behind)).containsExactlyElementsOf(idsFrom(1, 200));
    }

    @Test
    void aResumedStreamGetsALateCommitBeforeAnySharedReadHasCoveredIt() throws Exception {
        ScriptedAuditLog log = new ScriptedAuditLog();
        service = new AuditStreamService(log, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        EventStream live = subscribe(user(admin), Optional.empty());
        for (long id = 1; id <= 200; id++) {
            if (id != 10) {
                log.commit(recorded(id));
            }
        }
        assertThat(drain(live)).hasSize(199);
        log.commit(recorded(10));

        EventStream resumed = subscribe(user(admin), Optional.of(T0.toEpochMilli() + "-5"));
        List<String> got = new ArrayList<>();
        for (Optional<StreamedEvent> next = resumed.next(Duration.ZERO); next.isPresent(); next = resumed.next(Duration.ZERO)) {
            got.add(next.get().id());
        }

        assertThat(got).containsExactlyElementsOf(idsFrom(6, 200));
    }

    @Test
    void aStreamWaitingForEventsIsWokenByAPollOnAnotherThread() throws Exception {
        EventStream stream = subscribe(user(admin), Optional.empty());
        service.poll();
        CompletableFuture<Optional<StreamedEvent>> got = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                got.complete(stream.next(Duration.ofSeconds(60)));
            } catch (InterruptedException e) {
                got.completeExceptionally(e);
            }
        });
        reader.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reader.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(reader.getState()).isEqualTo(Thread.State.TIMED_WAITING);

        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        service.poll();

        assertThat(got.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).hasValueSatisfying(
                event -> assertThat(event.eventFields()).containsEntry("type", "api_key.revoked"));
        reader.join(WAIT.toMillis());
    }

    @Test
    void streamsOpenedAndClosedWhileEventsArriveGetEveryEventOnceAndInOrder() throws Exception {
        int events = 3_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger checked = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(i)));
                if (i % 10 == 0) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            writing.set(false);
        });
        Thread poller = new Thread(() -> {
            while (writing.get() || service.watchedWorkspaces() > 0) {
                service.poll();
                LockSupport.parkNanos(1_000_000);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int seed = r;
            readers.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (writing.get()) {
                    long latest = audit.latestId(workspace.id());
                    boolean resume = random.nextBoolean() && latest > 0;
                    long start = resume ? Math.max(0, latest - random.nextInt(300)) : -1;
                    Optional<String> lastEventId = resume ? Optional.of(T0.toEpochMilli() + "-" + start) : Optional.empty();
                    EventStream stream = service.subscribe(user(admin), workspace.id(), lastEventId);
                    try {
                        long previous = start;
                        for (int taken = random.nextInt(50, 400); taken > 0; taken--) {
                            Optional<StreamedEvent> next = stream.next(Duration.ofMillis(random.nextInt(0, 3)));
                            if (next.isEmpty()) {
                                continue;
                            }
                            long number = Long.parseLong(next.get().id().substring(next.get().id().indexOf('-') + 1));
                            if (previous >= 0 && number != previous + 1) {
                                failures.add("after " + previous + " came " + number + (resume ? " (resumed from " + start + ")" : ""));
                            }
                            previous = number;
                            checked.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } finally {
                        stream.close();
                    }
                }
            }));
        }
        readers.forEach(Thread::start);
        poller.start();
        writer.start();
        writer.join(60_000);
        for (Thread reader : readers) {
            reader.join(60_000);
        }
        poller.join(60_000);

        assertThat(failures).isEmpty();
        assertThat(checked.get()).isGreaterThanOrEqualTo(1_000);
        assertThat(service.watchedWorkspaces()).isZero();
    }

    @Test
    void aStreamAboutToEndGetsTheEventsRecordedBeforeThePollHasReadThem() throws Exception {
        EventStream stream = subscribe(user(admin), Optional.empty());
        service.poll();
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        assertThat(stream.next(Duration.ZERO)).isEmpty();

        stream.catchUp();

        assertThat(stream.next(Duration.ZERO)).hasValueSatisfying(
                event -> assertThat(event.eventFields()).containsEntry("type", "api_key.revoked"));
        service.poll();
        assertThat(stream.next(Duration.ZERO)).isEmpty();
    }

    private RecordedAuditEvent recorded(long id) {
        return new RecordedAuditEvent(id, workspace.id(), "api_key.revoked", T0, Map.of());
    }

    private static List<String> idsFrom(long first, long last) {
        List<String> ids = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            ids.add(T0.toEpochMilli() + "-" + id);
        }
        return ids;
    }

    @Test
    void anEventToldOfIsReadOnceOnTheExecutorAndWakesTheStreamsBeforeAnyPoll() throws Exception {
        CountingAuditLog counting = new CountingAuditLog(audit);
        List<Runnable> earlyReads = queueEarlyReads(counting);
        EventStream stream = subscribe(user(admin), Optional.empty());
        service.poll();
        AtomicInteger wakes = new AtomicInteger();
        stream.onAvailable(wakes::incrementAndGet);
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(1)));
        counting.reads = 0;

        service.recorded(workspace.id());
        service.recorded(workspace.id());

        assertThat(earlyReads).as("events told of while a read waits are one read").hasSize(1);
        assertThat(counting.reads).as("nothing is read on the telling thread").isZero();
        earlyReads.remove(0).run();
        assertThat(counting.reads).isEqualTo(1);
        assertThat(wakes).hasValue(1);
        assertThat(stream.next(Duration.ZERO)).isPresent();
        assertThat(stream.next(Duration.ZERO)).isPresent();
        assertThat(stream.next(Duration.ZERO)).isEmpty();
        assertThat(counting.reads).as("the stream took its events from the read").isEqualTo(1);

        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0.plusMillis(2)));
        service.recorded(workspace.id());
        assertThat(earlyReads).as("a new event after the read asks for a new one").hasSize(1);
    }

    @Test
    void anEarlyReadWaitsForAPollOfTheSameWorkspaceInsteadOfOverlappingIt() throws Exception {
        CountDownLatch firstReadEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstRead = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AuditLog blocking = new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                audit.record(event);
            }

            @Override
            public List<RecordedAuditEvent> after(WorkspaceId id, long afterId, int limit) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    if (reads.incrementAndGet() == 1) {
                        firstReadEntered.countDown();
                        releaseFirstRead.await(5, TimeUnit.SECONDS);
                    }
                    return audit.after(id, afterId, limit);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public long latestId(WorkspaceId id) {
                return audit.latestId(id);
            }
        };
        service = new AuditStreamService(blocking, new WorkspaceAccess(stores.workspaces()), Runnable::run);
        subscribe(user(admin), Optional.empty());
        Thread poller = new Thread(service::poll);
        poller.start();
        assertThat(firstReadEntered.await(5, TimeUnit.SECONDS)).isTrue();

        Thread early = new Thread(() -> service.recorded(workspace.id()));
        early.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (early.getState() != Thread.State.BLOCKED && early.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(early.getState()).as("the early read waits for the poll's read").isEqualTo(Thread.State.BLOCKED);
        releaseFirstRead.countDown();
        poller.join(5_000);
        early.join(5_000);

        assertThat(reads).hasValue(2);
        assertThat(mostInFlight).hasValue(1);
    }

    @Test
    void anEventOfAWorkspaceWithoutStreamsIsNotRead() {
        List<Runnable> earlyReads = queueEarlyReads(audit);
        Workspace other = data.addWorkspace(stores);
        subscribe(user(admin), Optional.empty()).close();
        subscribe(user(admin), Optional.empty());

        service.recorded(other.id());
        opened.forEach(EventStream::close);
        service.recorded(workspace.id());

        assertThat(earlyReads).isEmpty();
    }

    @Test
    void anEarlyReadForAWorkspaceWhoseStreamsAllClosedMeanwhileReadsNothing() {
        CountingAuditLog counting = new CountingAuditLog(audit);
        List<Runnable> earlyReads = queueEarlyReads(counting);
        EventStream stream = subscribe(user(admin), Optional.empty());
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        service.recorded(workspace.id());
        stream.close();
        counting.reads = 0;

        earlyReads.remove(0).run();

        assertThat(counting.reads).isZero();
        assertThat(service.watchedWorkspaces()).isZero();
    }

    @Test
    void aFailedEarlyReadIsLeftToTheNextPoll() throws Exception {
        CountingAuditLog counting = new CountingAuditLog(audit);
        List<Runnable> earlyReads = queueEarlyReads(counting);
        EventStream stream = subscribe(user(admin), Optional.empty());
        service.poll();
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), admin.id(), T0));
        counting.failing = workspace.id();

        service.recorded(workspace.id());
        earlyReads.remove(0).run();
        counting.failing = null;
        service.poll();

        assertThat(stream.next(Duration.ZERO)).hasValueSatisfying(
                event -> assertThat(event.eventFields()).containsEntry("type", "api_key.revoked"));
    }

    @Test
    void aStoppedExecutorLeavesTheEventToThePolls() {
        AtomicInteger attempts = new AtomicInteger();
        service = new AuditStreamService(audit, new WorkspaceAccess(stores.workspaces()), task -> {
            attempts.incrementAndGet();
            throw new RejectedExecutionException("stopped");
        });
        subscribe(user(admin), Optional.empty());

        service.recorded(workspace.id());
        service.recorded(workspace.id());

        assertThat(attempts).as("a refused read does not keep later ones from being asked for").hasValue(2);
    }

    /** Makes {@code service} read {@code log}, with its early reads queued on the returned list instead of run. */
    private List<Runnable> queueEarlyReads(AuditLog log) {
        List<Runnable> earlyReads = new ArrayList<>();
        service = new AuditStreamService(log, new WorkspaceAccess(stores.workspaces()), earlyReads::add);
        return earlyReads;
    }

    private EventStream subscribe(Principal caller, Optional<String> lastEventId) {
        EventStream stream = service.subscribe(caller, workspace.id(), lastEventId);
        opened.add(stream);
        return stream;
    }

    private RecordedAuditEvent lastRecorded() {
        List<RecordedAuditEvent> all = audit.after(workspace.id(), 0, 10_000);
        return all.get(all.size() - 1);
    }

    private List<String> drain(EventStream stream) throws InterruptedException {
        service.poll();
        List<String> ids = new ArrayList<>();
        for (Optional<StreamedEvent> next = stream.next(QUIET); next.isPresent(); next = stream.next(QUIET)) {
            ids.add(next.get().id());
        }
        return ids;
    }

    private Principal user(User user) {
        return new Principal.User(user.id(), ApiKeyId.generate(data.random()));
    }

    private Principal client(WorkspaceId workspaceId, String scopes) {
        return new Principal.WorkspaceClient(new ClientId(CredentialKind.CLIENT_ID.generate(data.random())), workspaceId,
                ScopeSet.parse(scopes), ProjectAccess.all(), "jti", T0.plus(Duration.ofHours(1)));
    }

    /** Counts the reads of the log, and fails those of one workspace once told to. */
    private static final class CountingAuditLog implements AuditLog {
        private final AuditLog log;
        int reads;
        WorkspaceId failing;

        CountingAuditLog(AuditLog log) {
            this.log = log;
        }

        @Override
        public void record(AuditEvent event) {
            log.record(event);
        }

        @Override
        public List<RecordedAuditEvent> after(WorkspaceId workspace, long afterId, int limit) {
            if (workspace.equals(failing)) {
                throw new IllegalStateException("database down");
            }
            reads++;
            return log.after(workspace, afterId, limit);
        }

        @Override
        public long latestId(WorkspaceId workspace) {
            return log.latestId(workspace);
        }
    }

    /** A log whose events become visible in the order the test commits them, whatever their numbers. */
    private static final class ScriptedAuditLog implements AuditLog {
        private final List<RecordedAuditEvent> committed = new ArrayList<>();
        private Runnable afterNextRead;

        void commit(RecordedAuditEvent event) {
            committed.add(event);
        }

        /** Runs {@code action} once, right after the next read has taken its events. */
        void afterNextRead(Runnable action) {
            afterNextRead = action;
        }

        @Override
        public void record(AuditEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RecordedAuditEvent> after(WorkspaceId workspace, long afterId, int limit) {
            List<RecordedAuditEvent> read = committed.stream()
                    .filter(event -> event.workspaceId().equals(workspace) && event.id() > afterId)
                    .sorted(Comparator.comparingLong(RecordedAuditEvent::id))
                    .limit(limit)
                    .toList();
            Runnable action = afterNextRead;
            afterNextRead = null;
            if (action != null) {
                action.run();
            }
            return read;
        }

        @Override
        public long latestId(WorkspaceId workspace) {
            return committed.stream().filter(event -> event.workspaceId().equals(workspace))
                    .mapToLong(RecordedAuditEvent::id).max().orElse(0);
        }
    }
}
