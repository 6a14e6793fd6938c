package dev.gatehouse.application.client.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.client.port.in.CreateOAuthClientCommand;
import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateOAuthClientServiceTest {

    private final TestData data = new TestData(new SplittableRandom(1));
    private final MutableClock clock = new MutableClock(T0.plusNanos(456_789));
    private Stores stores;
    private InMemoryAuditLog audit;
    private CreateOAuthClientService service;
    private Workspace workspace;
    private User admin;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        service = new CreateOAuthClientService(stores.clients(), new WorkspaceAccess(stores.workspaces()),
                ScopeCatalog.standard(), audit, clock, data.random());
        workspace = data.addWorkspace(stores);
        admin = data.addMember(stores, workspace.id(), Role.ADMIN);
    }

    @Test
    void createWhenAdminThenActiveClientIsStored() {
        OAuthClient.Registration registration = service.create(command(admin, "CI pipeline", null, null));

        OAuthClient client = registration.client();
        assertThat(stores.clients().findById(client.id())).contains(client);
        assertThat(client.workspaceId()).isEqualTo(workspace.id());
        assertThat(client.name()).isEqualTo("CI pipeline");
        assertThat(client.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(client.lastUsedAt()).isEmpty();
        assertThat(client.createdAt()).isEqualTo(T0);
        assertThat(ClientId.isWellFormed(client.clientId().value())).isTrue();
        assertThat(registration.secret().kind()).isEqualTo(CredentialKind.CLIENT_SECRET);
        assertThat(CredentialKind.CLIENT_SECRET.isWellFormed(registration.secret().value())).isTrue();
    }

    @Test
    void createWhenOwnerThenAllowed() {
        User owner = data.addMember(stores, workspace.id(), Role.OWNER);

        OAuthClient.Registration registration = service.create(command(owner, "owner's", null, null));

        assertThat(stores.clients().findById(registration.client().id())).isPresent();
    }

    @Test
    void createWhenMemberNotAdminThenForbiddenAndNothingStored() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThatThrownBy(() -> service.create(command(member, "nope", null, null))).isInstanceOf(ForbiddenException.class);
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void createWhenOutsiderThenNotFound() {
        Workspace other = data.addWorkspace(stores);
        User outsider = data.addMember(stores, other.id(), Role.OWNER);

        assertThatThrownBy(() -> service.create(command(outsider, "nope", null, null))).isInstanceOf(NotFoundException.class);
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void createWhenWorkspaceUnknownThenNotFound() {
        CreateOAuthClientCommand command = new CreateOAuthClientCommand(admin.id(), WorkspaceId.generate(data.random()),
                "nope", Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> service.create(command)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void createWhenScopesAbsentThenClientGetsAllScopes() {
        OAuthClient client = service.create(command(admin, "all", null, null)).client();

        assertThat(client.allowedScopes().asStrings()).containsExactly("*");
    }

    @Test
    void createKeepsScopesInTheOrderGiven() {
        List<String> scopes = List.of("workspace:read", "connect:proxy", "connect:actions:*", "audit:read");

        OAuthClient client = service.create(command(admin, "ordered", scopes, null)).client();

        assertThat(stores.clients().findById(client.id()).orElseThrow().allowedScopes().asStrings())
                .containsExactlyElementsOf(scopes);
    }

    @Test
    void createWhenScopeOfAnOpenFamilyThenAllowed() {
        OAuthClient client = service.create(command(admin, "slack", List.of("connect:actions:slack-send-message"), null)).client();

        assertThat(client.allowedScopes().asStrings()).containsExactly("connect:actions:slack-send-message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch:scope", "connect:nosuch", "connect", "workspace:write"})
    void createWhenScopeUnknownThenInvalidInputAndNothingStored(String unknown) {
        assertThatThrownBy(() -> service.create(command(admin, "x", List.of("workspace:read", unknown), null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(unknown);
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
        assertThat(audit.events()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "workspace:read sources:read", "a\"b", "a\\b", "é", "tab\there"})
    void createWhenScopeMalformedThenInvalidInput(String malformed) {
        assertThatThrownBy(() -> service.create(command(admin, "x", List.of(malformed), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void createWhenScopeNullThenInvalidInput() {
        assertThatThrownBy(() -> service.create(command(admin, "x", Arrays.asList("workspace:read", null), null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createWhenScopesEmptyThenInvalidInput() {
        assertThatThrownBy(() -> service.create(command(admin, "x", List.of(), null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createWhenProjectsAbsentThenClientMayActOnAllProjects() {
        OAuthClient client = service.create(command(admin, "all projects", null, null)).client();

        assertThat(client.projects().isRestricted()).isFalse();
    }

    @Test
    void createWhenProjectsGivenThenClientIsRestrictedToThem() {
        ProjectId p1 = ProjectId.generate(data.random());
        ProjectId p2 = ProjectId.generate(data.random());

        OAuthClient client = service.create(command(admin, "two projects", null, List.of(p1.value(), p2.value()))).client();

        assertThat(client.projects().restrictedTo().orElseThrow()).containsExactlyInAnyOrder(p1, p2);
        assertThat(client.projects().permits(ProjectId.generate(data.random()))).isFalse();
    }

    @Test
    void createWhenProjectsEmptyThenClientIsRestrictedToNone() {
        OAuthClient client = service.create(command(admin, "no projects", null, List.of())).client();

        assertThat(client.projects().isRestricted()).isTrue();
        assertThat(client.projects().restrictedTo().orElseThrow()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o_abc", "proj_", "proj_a-b", "PROJ_abc", " proj_abc", ""})
    void createWhenProjectIdMalformedThenInvalidInput(String malformed) {
        assertThatThrownBy(() -> service.create(command(admin, "x", null, List.of("proj_ok", malformed))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void createWhenProjectIdNullThenInvalidInput() {
        assertThatThrownBy(() -> service.create(command(admin, "x", null, Arrays.asList("proj_ok", null))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createWhenMoreThanAThousandProjectsThenInvalidInput() {
        assertThatThrownBy(() -> service.create(command(admin, "x", null, projectIds(1001))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createWhenAThousandProjectsThenAllowed() {
        OAuthClient client = service.create(command(admin, "x", null, projectIds(1000))).client();

        assertThat(client.projects().restrictedTo().orElseThrow()).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bad\u0000name", "line\nbreak"})
    void createWhenNameInvalidThenInvalidInput(String name) {
        assertThatThrownBy(() -> service.create(command(admin, name, null, null))).isInstanceOf(InvalidInputException.class);
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void createWhenNameNullThenInvalidInput() {
        assertThatThrownBy(() -> service.create(command(admin, null, null, null))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createWhenNameTooLongThenInvalidInput() {
        assertThatThrownBy(() -> service.create(command(admin, "n".repeat(OAuthClient.MAX_NAME_LENGTH + 1), null, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createStripsTheName() {
        OAuthClient client = service.create(command(admin, "  padded  ", null, null)).client();

        assertThat(client.name()).isEqualTo("padded");
    }

    @Test
    void createRecordsAnAuditEvent() {
        OAuthClient client = service.create(command(admin, "audited", null, null)).client();

        assertThat(audit.events()).containsExactly(new AuditEvent.OAuthClientCreated(
                workspace.id(), admin.id(), client.id(), client.clientId(), "audited", T0));
    }

    @Test
    void createStoresTheSecretsHashAndNeverTheSecret() {
        OAuthClient.Registration registration = service.create(command(admin, "hashed", null, null));
        String secret = registration.secret().value();

        OAuthClient stored = stores.clients().findById(registration.client().id()).orElseThrow();

        assertThat(stored.secretHash().matches(secret)).isTrue();
        assertThat(stored.secretHash().hex()).doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(secret);
        assertThat(registration.toString()).doesNotContain(secret);
        assertThat(audit.events().toString()).doesNotContain(secret);
    }

    @Test
    void createGivesEachClientItsOwnIdsAndSecret() {
        OAuthClient.Registration first = service.create(command(admin, "one", null, null));
        OAuthClient.Registration second = service.create(command(admin, "two", null, null));

        assertThat(second.client().id()).isNotEqualTo(first.client().id());
        assertThat(second.client().clientId()).isNotEqualTo(first.client().clientId());
        assertThat(second.secret().value()).isNotEqualTo(first.secret().value());
        assertThat(stores.clients().listByWorkspace(workspace.id())).hasSize(2);
    }

    private CreateOAuthClientCommand command(User actor, String name, List<String> scopes, List<String> projects) {
        return new CreateOAuthClientCommand(actor.id(), workspace.id(), name,
                Optional.ofNullable(scopes), Optional.ofNullable(projects));
    }

    private List<String> projectIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(ProjectId.generate(data.random()).value());
        }
        return ids;
    }
}
