package dev.gatehouse.application.client.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link OAuthClientRepository} must do; subclasses supply a fresh, empty store. */
public abstract class OAuthClientRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected OAuthClientRepository clients;
    protected Workspace workspace;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        clients = stores.clients();
        workspace = addWorkspace();
    }

    @Test
    void addThenFindByIdReturnsEveryFieldOfARestrictedClient() {
        ProjectId p1 = ProjectId.generate(data.random());
        ProjectId p2 = ProjectId.generate(data.random());
        OAuthClient client = client(
                ScopeSet.of("workspace:read", "connect:proxy", "connect:actions:*", "audit:read"),
                ProjectAccess.only(List.of(p1, p2)), Optional.empty(), ClientStatus.ACTIVE);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(client);
        assertThat(found.workspaceId()).isEqualTo(workspace.id());
        assertThat(found.clientId()).isEqualTo(client.clientId());
        assertThat(found.secretHash()).isEqualTo(client.secretHash());
        assertThat(found.name()).isEqualTo("Zapier bridge – prod ✓");
        assertThat(found.allowedScopes().asStrings())
                .containsExactly("workspace:read", "connect:proxy", "connect:actions:*", "audit:read");
        assertThat(found.projects().isRestricted()).isTrue();
        assertThat(found.projects().restrictedTo().orElseThrow()).containsExactlyInAnyOrder(p1, p2);
        assertThat(found.createdAt()).isEqualTo(client.createdAt());
        assertThat(found.lastUsedAt()).isEmpty();
        assertThat(found.status()).isEqualTo(ClientStatus.ACTIVE);
    }

    @Test
    void addThenFindByIdReturnsAllProjectsAndLastUsedAt() {
        Instant lastUsed = T0.plusMillis(3_600_456L);
        OAuthClient client = client(ScopeSet.of("*"), ProjectAccess.all(), Optional.of(lastUsed), ClientStatus.ACTIVE);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(client);
        assertThat(found.projects().isRestricted()).isFalse();
        assertThat(found.lastUsedAt()).contains(lastUsed);
    }

    @Test
    void addThenFindByIdKeepsARestrictionToNoProjectsApartFromAllProjects() {
        OAuthClient client = client(ScopeSet.of("*"), ProjectAccess.only(List.of()), Optional.empty(), ClientStatus.ACTIVE);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.projects().isRestricted()).isTrue();
        assertThat(found.projects().restrictedTo().orElseThrow()).isEmpty();
    }

    @Test
    void addThenFindByIdPreservesScopeOrder() {
        List<String> order = List.of("sources:write", "connect:apps:*", "audit:read", "connect:accounts:read", "*");
        OAuthClient client = client(ScopeSet.fromStrings(order), ProjectAccess.all(), Optional.empty(), ClientStatus.ACTIVE);

        clients.add(client);

        assertThat(clients.findById(client.id()).orElseThrow().allowedScopes().asStrings()).containsExactlyElementsOf(order);
        assertThat(clients.findByClientId(client.clientId()).orElseThrow().allowedScopes().asStrings())
                .containsExactlyElementsOf(order);
    }

    @ParameterizedTest
    @EnumSource(ClientStatus.class)
    void addThenFindByIdReturnsStatus(ClientStatus status) {
        OAuthClient client = TestData.withStatus(data.client(workspace.id()), status);

        clients.add(client);

        assertThat(clients.findById(client.id())).map(OAuthClient::status).contains(status);
    }

    @Test
    void findByClientIdReturnsTheClient() {
        OAuthClient client = data.client(workspace.id());
        OAuthClient other = data.client(workspace.id());
        clients.add(client);
        clients.add(other);

        assertThat(clients.findByClientId(client.clientId())).contains(client);
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        clients.add(data.client(workspace.id()));

        assertThat(clients.findById(OAuthClientRecordId.generate(data.random()))).isEmpty();
    }

    @Test
    void findByClientIdWhenUnknownThenEmpty() {
        clients.add(data.client(workspace.id()));

        assertThat(clients.findByClientId(new ClientId(CredentialKind.CLIENT_ID.generate(data.random())))).isEmpty();
    }

    @Test
    void addWhenIdTakenThenRejectedAndFirstKept() {
        OAuthClient first = data.client(workspace.id());
        clients.add(first);
        OAuthClient fresh = data.client(workspace.id());
        OAuthClient sameId = new OAuthClient(first.id(), workspace.id(), fresh.clientId(), fresh.secretHash(), "other",
                fresh.allowedScopes(), fresh.projects(), fresh.createdAt(), Optional.empty(), ClientStatus.ACTIVE);

        assertThatThrownBy(() -> clients.add(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(clients.findById(first.id())).contains(first);
        assertThat(clients.findByClientId(fresh.clientId())).isEmpty();
    }

    @Test
    void addWhenClientIdTakenThenRejectedAndFirstKept() {
        OAuthClient first = data.client(workspace.id());
        clients.add(first);
        OAuthClient fresh = data.client(workspace.id());
        OAuthClient sameClientId = new OAuthClient(fresh.id(), workspace.id(), first.clientId(), fresh.secretHash(), "other",
                fresh.allowedScopes(), fresh.projects(), fresh.createdAt(), Optional.empty(), ClientStatus.ACTIVE);

        assertThatThrownBy(() -> clients.add(sameClientId)).isInstanceOf(RuntimeException.class);
        assertThat(clients.findByClientId(first.clientId())).contains(first);
        assertThat(clients.findById(fresh.id())).isEmpty();
    }

    @Test
    void listByWorkspaceReturnsLiveClientsOldestFirst() {
        OAuthClient newest = data.client(workspace.id(), T0.plus(Duration.ofDays(2)));
        OAuthClient oldest = data.client(workspace.id(), T0);
        OAuthClient disabled = TestData.withStatus(data.client(workspace.id(), T0.plus(Duration.ofDays(1))), ClientStatus.DISABLED);
        clients.add(newest);
        clients.add(oldest);
        clients.add(disabled);

        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(oldest, disabled, newest);
    }

    @Test
    void listByWorkspaceLeavesOutDeletedClients() {
        OAuthClient live = data.client(workspace.id(), T0);
        OAuthClient deleted = TestData.withStatus(data.client(workspace.id(), T0.minusSeconds(1)), ClientStatus.DELETED);
        clients.add(live);
        clients.add(deleted);

        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(live);
    }

    @Test
    void listByWorkspaceLeavesOutOtherWorkspacesClients() {
        Workspace other = addWorkspace();
        OAuthClient mine = data.client(workspace.id());
        clients.add(mine);
        clients.add(data.client(other.id()));

        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(mine);
    }

    @Test
    void listByWorkspaceWhenNoClientsThenEmpty() {
        Workspace other = addWorkspace();
        clients.add(data.client(other.id()));

        assertThat(clients.listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void deletedClientIsStillFoundByIdAndClientId() {
        OAuthClient deleted = TestData.withStatus(data.client(workspace.id()), ClientStatus.DELETED);
        clients.add(deleted);

        assertThat(clients.findById(deleted.id())).contains(deleted);
        assertThat(clients.findByClientId(deleted.clientId())).contains(deleted);
    }

    @Test
    void markUsedSetsLastUsedAt() {
        OAuthClient client = data.client(workspace.id());
        clients.add(client);
        Instant when = T0.plusMillis(90_001L);

        clients.markUsed(client.id(), when);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.lastUsedAt()).contains(when);
        assertThat(found).isEqualTo(client.usedAt(when));
        assertThat(clients.findByClientId(client.clientId())).map(OAuthClient::lastUsedAt).contains(Optional.of(when));
    }

    @Test
    void markUsedAgainReplacesLastUsedAt() {
        OAuthClient client = data.client(workspace.id());
        clients.add(client);
        clients.markUsed(client.id(), T0.plusSeconds(10));

        clients.markUsed(client.id(), T0.plusSeconds(20));

        assertThat(clients.findById(client.id()).orElseThrow().lastUsedAt()).contains(T0.plusSeconds(20));
    }

    @Test
    void markUsedLeavesOtherClientsUntouched() {
        OAuthClient used = data.client(workspace.id());
        OAuthClient untouched = data.client(workspace.id());
        clients.add(used);
        clients.add(untouched);

        clients.markUsed(used.id(), T0.plusSeconds(10));

        assertThat(clients.findById(untouched.id())).contains(untouched);
    }

    private OAuthClient client(ScopeSet scopes, ProjectAccess projects, Optional<Instant> lastUsedAt, ClientStatus status) {
        OAuthClient registered = data.client(workspace.id(), T0);
        return new OAuthClient(registered.id(), workspace.id(), registered.clientId(),
                SecretHash.of(CredentialKind.CLIENT_SECRET.generate(data.random())), "Zapier bridge – prod ✓",
                scopes, projects, T0.plusMillis(1), lastUsedAt, status);
    }

    private Workspace addWorkspace() {
        Workspace added = data.workspace();
        stores.workspaces().add(added);
        return added;
    }
}
