package dev.gatehouse.application.workspace.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.NotFoundException;
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
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GetWorkspaceServiceTest {

    private final TestData data = new TestData(new SplittableRandom(6));
    private Stores stores;
    private final MutableClock clock = new MutableClock(T0);
    private RecentMemberships memberships;
    private GetWorkspaceService service;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        memberships = new RecentMemberships(stores.workspaces(), clock);
        service = new GetWorkspaceService(stores.workspaces(), memberships);
        workspace = data.addWorkspace(stores);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void getWhenUserIsAMemberThenWorkspace(Role role) {
        User member = data.addMember(stores, workspace.id(), role);

        assertThat(service.get(user(member), workspace.id())).isEqualTo(workspace);
    }

    @Test
    void getTwiceWithinASecondThenTheStoreIsReadOnce() {
        AtomicInteger reads = new AtomicInteger();
        WorkspaceRepository counting = (WorkspaceRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WorkspaceRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findById")) {
                        reads.incrementAndGet();
                    }
                    return method.invoke(stores.workspaces(), args);
                });
        GetWorkspaceService cached = new GetWorkspaceService(counting, new RecentMemberships(stores.workspaces(), clock));
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThat(cached.get(user(member), workspace.id())).isEqualTo(workspace);
        assertThat(cached.get(user(member), workspace.id())).isEqualTo(workspace);
        assertThat(reads).hasValue(1);
    }

    @Test
    void getWhenMemberRemovedHereThenNotFoundAtOnceEvenIfTheWorkspaceWasJustRead() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);
        service.get(user(member), workspace.id());

        stores.workspaces().removeMembership(workspace.id(), member.id());
        memberships.changed();

        assertThatThrownBy(() -> service.get(user(member), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenMemberRemovedOnAnotherServerThenNotFoundOnceItsSignalArrives() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);
        service.get(user(member), workspace.id());

        stores.workspaces().removeMembership(workspace.id(), member.id());
        assertThat(service.get(user(member), workspace.id())).isEqualTo(workspace);
        memberships.changedElsewhere();

        assertThatThrownBy(() -> service.get(user(member), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenMemberRemovedOnAnotherServerAndTheSignalIsLostThenNotFoundWithinASecond() {
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);
        service.get(user(member), workspace.id());

        stores.workspaces().removeMembership(workspace.id(), member.id());
        clock.advance(RecentMemberships.RECENT);

        assertThatThrownBy(() -> service.get(user(member), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenUserIsNotAMemberThenNotFound() {
        User outsider = data.addMember(stores, data.addWorkspace(stores).id(), Role.OWNER);

        assertThatThrownBy(() -> service.get(user(outsider), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenWorkspaceUnknownThenNotFound() {
        User user = data.addUser(stores);

        assertThatThrownBy(() -> service.get(user(user), WorkspaceId.generate(data.random())))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"workspace:read", "*", "audit:read workspace:read"})
    void getWhenClientOfTheWorkspaceHoldsWorkspaceReadThenWorkspace(String scopes) {
        assertThat(service.get(client(workspace.id(), scopes), workspace.id())).isEqualTo(workspace);
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect:*", "sources:read audit:read", "workspace:write"})
    void getWhenClientLacksWorkspaceReadThenForbidden(String scopes) {
        assertThatThrownBy(() -> service.get(client(workspace.id(), scopes), workspace.id()))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void getWhenClientOfAnotherWorkspaceThenNotFound() {
        Workspace other = data.addWorkspace(stores);

        assertThatThrownBy(() -> service.get(client(other.id(), "*"), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getWhenClientsWorkspaceNoLongerExistsThenNotFound() {
        WorkspaceId gone = WorkspaceId.generate(data.random());

        assertThatThrownBy(() -> service.get(client(gone, "*"), gone)).isInstanceOf(NotFoundException.class);
    }

    private static Principal user(User user) {
        return new Principal.User(user.id(), new ApiKeyId("ak_test"));
    }

    private Principal client(WorkspaceId workspaceId, String scopes) {
        return new Principal.WorkspaceClient(new ClientId(CredentialKind.CLIENT_ID.generate(data.random())), workspaceId,
                ScopeSet.parse(scopes), ProjectAccess.all(), "jti", T0.plus(Duration.ofHours(1)));
    }
}
