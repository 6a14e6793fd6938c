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
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
        service = new AuditStreamService(audit, new WorkspaceAccess(stores.workspaces()));
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

        StreamedEvent event = stream.next(WAIT).orElseThrow();
        assertThat(event.eventFields().values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(registration.secret().value())
                .doesNotContain(client.secretHash().hex()));
        assertThat(event.eventFields()).containsEntry("client_id", client.clientId().value());
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

    private Principal client(WorkspaceId workspaceId, String scopes) {
        return new Principal.WorkspaceClient(new ClientId(CredentialKind.CLIENT_ID.generate(data.random())), workspaceId,
                ScopeSet.parse(scopes), ProjectAccess.all(), "jti", T0.plus(Duration.ofHours(1)));
    }
}
