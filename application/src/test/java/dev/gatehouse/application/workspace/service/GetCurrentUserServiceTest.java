package dev.gatehouse.application.workspace.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.in.GetCurrentUserUseCase.CurrentUser;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetCurrentUserServiceTest {

    private final TestData data = new TestData(new SplittableRandom(7));
    private Stores stores;
    private GetCurrentUserService service;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        service = new GetCurrentUserService(stores.users(), stores.workspaces());
    }

    @Test
    void getReturnsTheUserAndTheirWorkspacesOldestFirst() {
        Workspace newer = data.addWorkspace(stores, T0.plus(Duration.ofDays(1)));
        Workspace older = data.addWorkspace(stores, T0);
        Workspace notTheirs = data.addWorkspace(stores, T0.minus(Duration.ofDays(1)));
        User user = data.addMember(stores, newer.id(), Role.MEMBER);
        stores.workspaces().putMembership(new Membership(older.id(), user.id(), Role.OWNER));
        data.addMember(stores, notTheirs.id(), Role.OWNER);

        CurrentUser current = service.get(user.id());

        assertThat(current.user()).isEqualTo(user);
        assertThat(current.workspaces()).containsExactly(older, newer);
    }

    @Test
    void getWhenUserBelongsToNoWorkspaceThenEmptyList() {
        User user = data.addUser(stores);

        assertThat(service.get(user.id()).workspaces()).isEmpty();
    }

    @Test
    void getWhenUserUnknownThenNotFound() {
        assertThatThrownBy(() -> service.get(UserId.generate(data.random()))).isInstanceOf(NotFoundException.class);
    }
}
