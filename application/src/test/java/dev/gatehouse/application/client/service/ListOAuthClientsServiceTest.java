package dev.gatehouse.application.client.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListOAuthClientsServiceTest {

    private final TestData data = new TestData(new SplittableRandom(2));
    private Stores stores;
    private ListOAuthClientsService service;
    private Workspace workspace;
    private User admin;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        service = new ListOAuthClientsService(stores.clients(), new WorkspaceAccess(stores.workspaces()));
        workspace = data.addWorkspace(stores);
        admin = data.addMember(stores, workspace.id(), Role.ADMIN);
    }

    @Test
    void listWhenAdminThenWorkspacesLiveClientsOldestFirst() {
        OAuthClient second = addClient(workspace, T0.plusSeconds(2), ClientStatus.DISABLED);
        OAuthClient first = addClient(workspace, T0.plusSeconds(1), ClientStatus.ACTIVE);
        addClient(workspace, T0, ClientStatus.DELETED);
        addClient(data.addWorkspace(stores), T0, ClientStatus.ACTIVE);

        assertThat(service.list(admin.id(), workspace.id())).containsExactly(first, second);
    }

    @Test
    void listWhenOwnerThenAllowed() {
        User owner = data.addMember(stores, workspace.id(), Role.OWNER);
        OAuthClient client = addClient(workspace, T0, ClientStatus.ACTIVE);

        assertThat(service.list(owner.id(), workspace.id())).containsExactly(client);
    }

    @Test
    void listWhenMemberNotAdminThenForbidden() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThatThrownBy(() -> service.list(member.id(), workspace.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void listWhenOutsiderThenNotFound() {
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.list(outsider.id(), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenAdminThenClient() {
        OAuthClient client = addClient(workspace, T0, ClientStatus.DISABLED);

        assertThat(service.get(admin.id(), workspace.id(), client.id())).isEqualTo(client);
    }

    @Test
    void getWhenClientOfAnotherWorkspaceThenNotFound() {
        Workspace other = data.addWorkspace(stores);
        data.addMember(stores, other.id(), Role.OWNER);
        OAuthClient theirs = addClient(other, T0, ClientStatus.ACTIVE);

        assertThatThrownBy(() -> service.get(admin.id(), workspace.id(), theirs.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenDeletedThenNotFound() {
        OAuthClient deleted = addClient(workspace, T0, ClientStatus.DELETED);

        assertThatThrownBy(() -> service.get(admin.id(), workspace.id(), deleted.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenUnknownThenNotFound() {
        OAuthClientRecordId unknown = OAuthClientRecordId.generate(data.random());

        assertThatThrownBy(() -> service.get(admin.id(), workspace.id(), unknown)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenMemberNotAdminThenForbidden() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);
        OAuthClient client = addClient(workspace, T0, ClientStatus.ACTIVE);

        assertThatThrownBy(() -> service.get(member.id(), workspace.id(), client.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void getWhenOutsiderThenNotFound() {
        User outsider = data.addUser(stores);
        OAuthClient client = addClient(workspace, T0, ClientStatus.ACTIVE);

        assertThatThrownBy(() -> service.get(outsider.id(), workspace.id(), client.id())).isInstanceOf(NotFoundException.class);
    }

    private OAuthClient addClient(Workspace owner, Instant createdAt, ClientStatus status) {
        OAuthClient client = TestData.withStatus(data.client(owner.id(), createdAt), status);
        stores.clients().add(client);
        return client;
    }
}
