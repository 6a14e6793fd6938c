package dev.gatehouse.application.source.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.SourceSettings;
import dev.gatehouse.application.source.port.in.SourceUseCases.CreateSourceCommand;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceServiceTest {

    /** The clock reads a time finer than a millisecond; event times are whole milliseconds. */
    private static final Instant NOW = T0.plusNanos(456_789);
    private static final long NOW_MILLIS = T0.toEpochMilli();
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final SourceSettings SETTINGS = new SourceSettings(5, Duration.ofHours(1), 16);

    private final TestData data = new TestData(new SplittableRandom(15));
    private final MutableClock clock = new MutableClock(NOW);
    private final EventHub hub = new EventHub();
    private final List<EventStream> opened = new ArrayList<>();
    private Stores stores;
    private SourceService service;
    private Workspace workspace;
    private User member;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        service = service(SETTINGS);
        workspace = data.addWorkspace(stores);
        member = data.addMember(stores, workspace.id(), Role.MEMBER);
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(EventStream::close);
    }

    private SourceService service(SourceSettings settings) {
        return new SourceService(stores.sources(), stores.workspaces(), hub, settings, clock, data.random());
    }

    @Test
    void createWhenTheUserHasOneWorkspaceThenTheSourceIsCreatedThere() {
        EventSource source = service.create(new CreateSourceCommand(member.id(), Optional.empty(), "  deploys  "));

        assertThat(source.workspaceId()).isEqualTo(workspace.id());
        assertThat(source.name()).isEqualTo("deploys");
        assertThat(source.createdBy()).isEqualTo(member.id());
        assertThat(source.createdAt()).isEqualTo(T0);
        assertThat(SourceId.isValid(source.id().value())).isTrue();
        assertThat(stores.sources().findById(source.id())).contains(source);
    }

    @Test
    void createWhenTheUserHasSeveralWorkspacesAndNoOrgIdThenInvalidInput() {
        Workspace second = data.addWorkspace(stores);
        stores.workspaces().putMembership(new Membership(second.id(), member.id(), Role.OWNER));

        assertThatThrownBy(() -> service.create(new CreateSourceCommand(member.id(), Optional.empty(), "deploys")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("org_id");
    }

    @Test
    void createWhenTheUserHasSeveralWorkspacesAndGivesOrgIdThenTheSourceIsCreatedThere() {
        Workspace second = data.addWorkspace(stores);
        stores.workspaces().putMembership(new Membership(second.id(), member.id(), Role.OWNER));

        EventSource source = service.create(new CreateSourceCommand(member.id(), Optional.of(second.id()), "deploys"));

        assertThat(source.workspaceId()).isEqualTo(second.id());
    }

    @Test
    void createInAWorkspaceTheUserIsNotInThenNotFound() {
        Workspace other = data.addWorkspace(stores);

        assertThatThrownBy(() -> service.create(new CreateSourceCommand(member.id(), Optional.of(other.id()), "deploys")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.create(new CreateSourceCommand(member.id(),
                Optional.of(WorkspaceId.generate(data.random())), "deploys")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void createWhenTheUserHasNoWorkspaceThenInvalidInput() {
        User loner = data.addUser(stores);

        assertThatThrownBy(() -> service.create(new CreateSourceCommand(loner.id(), Optional.empty(), "deploys")))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "line\nbreak", "tab\tinside"})
    void createWhenTheNameIsNotANameThenInvalidInput(String name) {
        assertThatThrownBy(() -> service.create(new CreateSourceCommand(member.id(), Optional.empty(), name)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createWhenTheNameIsMissingOrTooLongThenInvalidInput() {
        assertThatThrownBy(() -> service.create(new CreateSourceCommand(member.id(), Optional.empty(), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create(new CreateSourceCommand(member.id(), Optional.empty(), "x".repeat(201))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(service.create(new CreateSourceCommand(member.id(), Optional.empty(), "x".repeat(200))).name()).hasSize(200);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void getWhenTheUserIsAMemberOfTheSourcesWorkspaceThenTheSource(Role role) {
        EventSource source = createSource();
        User reader = data.addMember(stores, workspace.id(), role);

        assertThat(service.get(user(reader), source.id())).isEqualTo(source);
    }

    @Test
    void getWhenTheUserIsNotAMemberThenNotFound() {
        EventSource source = createSource();
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.get(user(outsider), source.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenAClientOfTheSourcesWorkspaceThenTheSource() {
        EventSource source = createSource();

        assertThat(service.get(client(workspace.id()), source.id())).isEqualTo(source);
    }

    @Test
    void getWhenAClientOfAnotherWorkspaceThenNotFound() {
        EventSource source = createSource();

        assertThatThrownBy(() -> service.get(client(data.addWorkspace(stores).id()), source.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenUnknownThenNotFound() {
        assertThatThrownBy(() -> service.get(user(member), SourceId.generate(data.random())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteByAMemberRemovesTheSourceAndItsEvents() {
        EventSource source = createSource();
        service.emit(user(member), source.id(), "{}");

        service.delete(user(member), source.id());

        assertThat(stores.sources().findById(source.id())).isEmpty();
        assertThat(stores.sources().eventsAfter(source.id(), 0, 100)).isEmpty();
        assertThatThrownBy(() -> service.get(user(member), source.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteByAClientOfTheWorkspaceRemovesTheSource() {
        EventSource source = createSource();

        service.delete(client(workspace.id()), source.id());

        assertThat(stores.sources().findById(source.id())).isEmpty();
    }

    @Test
    void deleteWhenNotAllowedThenNotFoundAndTheSourceStays() {
        EventSource source = createSource();
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.delete(user(outsider), source.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(client(data.addWorkspace(stores).id()), source.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(stores.sources().findById(source.id())).contains(source);
    }

    @Test
    void deleteTwiceThenNotFound() {
        EventSource source = createSource();
        service.delete(user(member), source.id());

        assertThatThrownBy(() -> service.delete(user(member), source.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void emitNumbersTheEventsFromOneWithIdsOfTheirMillisecondAndSequence() {
        EventSource source = createSource();

        List<SourceEvent> events = List.of(
                service.emit(user(member), source.id(), "{\"n\":1}"),
                service.emit(client(workspace.id()), source.id(), "{\"n\":2}"),
                service.emit(user(member), source.id(), "{\"n\":3}"));

        assertThat(events).extracting(SourceEvent::id)
                .containsExactly(NOW_MILLIS + "-1", NOW_MILLIS + "-2", NOW_MILLIS + "-3");
        assertThat(events).extracting(SourceEvent::emittedAt).containsOnly(T0);
        assertThat(stores.sources().eventsAfter(source.id(), 0, 100)).containsExactlyElementsOf(events);
    }

    @Test
    void emitWhenNotAllowedThenNotFoundAndNothingStored() {
        EventSource source = createSource();
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.emit(user(outsider), source.id(), "{}")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.emit(client(data.addWorkspace(stores).id()), source.id(), "{}"))
                .isInstanceOf(NotFoundException.class);
        assertThat(stores.sources().eventsAfter(source.id(), 0, 100)).isEmpty();
    }

    @Test
    void emitToADeletedSourceThenNotFound() {
        EventSource source = createSource();
        service.delete(user(member), source.id());

        assertThatThrownBy(() -> service.emit(user(member), source.id(), "{}")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void emitKeepsOnlyTheRetainCountNewestEvents() {
        EventSource source = createSource();

        emit(source, 7);

        assertThat(stores.sources().eventsAfter(source.id(), 0, 100)).extracting(SourceEvent::sequence)
                .containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void purgeExpiredEventsDropsTheEventsOlderThanTheRetentionAge() {
        EventSource source = createSource();
        emit(source, 2);
        clock.advance(SETTINGS.retainAge().plusSeconds(1));
        SourceEvent fresh = service.emit(user(member), source.id(), "{}");

        int purged = service.purgeExpiredEvents();

        assertThat(purged).isEqualTo(2);
        assertThat(stores.sources().eventsAfter(source.id(), 0, 100)).containsExactly(fresh);
    }

    @Test
    void purgeExpiredEventsKeepsEventsYoungerThanTheRetentionAge() {
        EventSource source = createSource();
        emit(source, 2);
        clock.advance(SETTINGS.retainAge().minusSeconds(1));

        assertThat(service.purgeExpiredEvents()).isZero();
        assertThat(stores.sources().eventsAfter(source.id(), 0, 100)).hasSize(2);
    }

    @Test
    void subscribeWithoutLastEventIdGetsOnlyTheEventsEmittedFromThenOn() throws Exception {
        EventSource source = createSource();
        emit(source, 2);
        EventStream stream = subscribe(user(member), source, Optional.empty());
        assertThat(stream.next(QUIET)).isEmpty();

        service.emit(user(member), source.id(), "{\"n\":3}");

        assertThat(stream.next(Duration.ofSeconds(1))).contains(StreamedEvent.json(NOW_MILLIS + "-3", NOW_MILLIS, "{\"n\":3}"));
        assertThat(stream.next(QUIET)).isEmpty();
    }

    @Test
    void subscribeWithLastEventIdReplaysExactlyTheMissedEventsThenLiveOnes() throws Exception {
        EventSource source = createSource();
        emit(source, 3);
        EventStream stream = subscribe(client(workspace.id()), source, Optional.of(NOW_MILLIS + "-1"));

        List<String> replayed = drain(stream);
        service.emit(user(member), source.id(), "{\"n\":4}");
        List<String> live = drain(stream);

        assertThat(replayed).containsExactly(NOW_MILLIS + "-2", NOW_MILLIS + "-3");
        assertThat(live).containsExactly(NOW_MILLIS + "-4");
    }

    @Test
    void subscribeWithLastEventIdWhenAnEventIsEmittedBeforeTheReplayIsReadThenItComesOnce() throws Exception {
        EventSource source = createSource();
        emit(source, 2);
        EventStream stream = subscribe(user(member), source, Optional.of(NOW_MILLIS + "-1"));

        service.emit(user(member), source.id(), "{\"n\":3}");
        List<String> first = drain(stream);
        service.emit(user(member), source.id(), "{\"n\":4}");
        List<String> then = drain(stream);

        assertThat(first).containsExactly(NOW_MILLIS + "-2", NOW_MILLIS + "-3");
        assertThat(then).containsExactly(NOW_MILLIS + "-4");
    }

    @Test
    void subscribeWithTheLastEventIdOfTheNewestEventReplaysNothing() throws Exception {
        EventSource source = createSource();
        emit(source, 3);
        EventStream stream = subscribe(user(member), source, Optional.of(NOW_MILLIS + "-3"));

        assertThat(stream.next(QUIET)).isEmpty();
        service.emit(user(member), source.id(), "{}");
        assertThat(drain(stream)).containsExactly(NOW_MILLIS + "-4");
    }

    @Test
    void subscribeWithALastEventIdBeyondTheNewestEventGetsTheNextLiveEvents() throws Exception {
        EventSource source = createSource();
        emit(source, 2);
        EventStream stream = subscribe(user(member), source, Optional.of(NOW_MILLIS + "-999"));

        assertThat(stream.next(QUIET)).isEmpty();
        service.emit(user(member), source.id(), "{}");
        assertThat(drain(stream)).containsExactly(NOW_MILLIS + "-3");
    }

    @Test
    void subscribeWithALastEventIdOlderThanTheRetainedEventsReplaysWhatIsRetained() throws Exception {
        EventSource source = createSource();
        emit(source, 8);

        EventStream stream = subscribe(user(member), source, Optional.of(NOW_MILLIS + "-1"));

        assertThat(drain(stream)).containsExactly(
                NOW_MILLIS + "-4", NOW_MILLIS + "-5", NOW_MILLIS + "-6", NOW_MILLIS + "-7", NOW_MILLIS + "-8");
    }

    @Test
    void subscribeWithLastEventIdReplaysMoreThanOnePageInOrder() throws Exception {
        service = service(new SourceSettings(250, Duration.ofHours(1), 16));
        EventSource source = createSource();
        emit(source, 250);

        EventStream stream = subscribe(user(member), source, Optional.of("0-0"));

        assertThat(drain(stream)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 250).mapToObj(i -> NOW_MILLIS + "-" + i).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "12-", "-1", "1-x"})
    void subscribeWithAMalformedLastEventIdGetsOnlyNewEvents(String lastEventId) throws Exception {
        EventSource source = createSource();
        emit(source, 2);
        EventStream stream = subscribe(user(member), source, Optional.of(lastEventId));

        service.emit(user(member), source.id(), "{}");

        assertThat(drain(stream)).containsExactly(NOW_MILLIS + "-3");
    }

    @Test
    void subscribeDeliversTheEventPayloadAsEmitted() throws Exception {
        EventSource source = createSource();
        EventStream stream = subscribe(user(member), source, Optional.empty());
        String payload = "{\"name\":\"Équipe 東京\",\"nested\":{\"a\":[1,2]}}";

        service.emit(user(member), source.id(), payload);

        assertThat(stream.next(Duration.ofSeconds(1))).hasValueSatisfying(event -> {
            assertThat(event.eventJson()).contains(payload);
            assertThat(event.timestampMillis()).isEqualTo(NOW_MILLIS);
        });
    }

    @Test
    void subscribeTwiceThenEachStreamGetsEveryEvent() throws Exception {
        EventSource source = createSource();
        EventStream one = subscribe(user(member), source, Optional.empty());
        EventStream two = subscribe(client(workspace.id()), source, Optional.empty());

        emit(source, 3);

        assertThat(drain(one)).hasSize(3);
        assertThat(drain(two)).hasSize(3);
    }

    @Test
    void subscribeWhenNotAllowedThenNotFoundAndNoStreamIsLeftOpen() {
        EventSource source = createSource();
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.subscribe(user(outsider), source.id(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.subscribe(client(data.addWorkspace(stores).id()), source.id(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(hub.subscriberCount(SourceService.topic(source.id()))).isZero();
    }

    @Test
    void closeEndsTheSubscription() {
        EventSource source = createSource();
        EventStream stream = service.subscribe(user(member), source.id(), Optional.empty());
        assertThat(hub.subscriberCount(SourceService.topic(source.id()))).isEqualTo(1);

        stream.close();

        assertThat(hub.subscriberCount(SourceService.topic(source.id()))).isZero();
    }

    @Test
    void aStreamThatFallsBehindDeliversWhatItHeldAndThenReportsOverflow() throws Exception {
        service = service(new SourceSettings(100, Duration.ofHours(1), 2));
        EventSource source = createSource();
        EventStream slow = subscribe(user(member), source, Optional.empty());

        emit(source, 5);

        assertThat(slow.overflowed()).as("not before the held events are read").isFalse();
        assertThat(drain(slow)).containsExactly(NOW_MILLIS + "-1", NOW_MILLIS + "-2");
        assertThat(slow.overflowed()).isTrue();
        assertThat(hub.subscriberCount(SourceService.topic(source.id()))).isZero();
    }

    private EventSource createSource() {
        return service.create(new CreateSourceCommand(member.id(), Optional.of(workspace.id()), "source"));
    }

    private void emit(EventSource source, int count) {
        for (int i = 0; i < count; i++) {
            service.emit(user(member), source.id(), "{\"i\":" + i + "}");
        }
    }

    private EventStream subscribe(Principal caller, EventSource source, Optional<String> lastEventId) {
        EventStream stream = service.subscribe(caller, source.id(), lastEventId);
        opened.add(stream);
        return stream;
    }

    /** The ids of the events the stream delivers until it is quiet. */
    private static List<String> drain(EventStream stream) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (Optional<StreamedEvent> next = stream.next(QUIET); next.isPresent(); next = stream.next(QUIET)) {
            ids.add(next.get().id());
        }
        return ids;
    }

    private Principal user(User user) {
        return new Principal.User(user.id(), ApiKeyId.generate(data.random()));
    }

    private Principal client(WorkspaceId workspaceId) {
        return new Principal.WorkspaceClient(new ClientId(CredentialKind.CLIENT_ID.generate(data.random())), workspaceId,
                ScopeSet.of("*"), ProjectAccess.all(), "jti", T0.plus(Duration.ofHours(1)));
    }
}
