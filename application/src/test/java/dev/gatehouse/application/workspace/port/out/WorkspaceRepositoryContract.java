package dev.gatehouse.application.workspace.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link WorkspaceRepository} must do; subclasses supply a fresh, empty store. */
public abstract class WorkspaceRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected WorkspaceRepository workspaces;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        workspaces = stores.workspaces();
    }

    @Test
    void addThenFindByIdReturnsEveryField() {
        WorkspaceId id = WorkspaceId.generate(data.random());
        Workspace workspace = new Workspace(id, "acme-ü", "Équipe 東京 \uD83D\uDE80", "Ops@Example.com", T0);

        workspaces.add(workspace);

        Workspace found = workspaces.findById(id).orElseThrow();
        assertThat(found).isEqualTo(workspace);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.email()).isEqualTo("Ops@Example.com");
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        workspaces.add(data.workspace());

        assertThat(workspaces.findById(WorkspaceId.generate(data.random()))).isEmpty();
    }

    @Test
    void addWhenIdTakenThenRejectedAndFirstKept() {
        Workspace first = data.workspace();
        workspaces.add(first);
        Workspace sameId = new Workspace(first.id(), "other", "Other", "other@example.com", T0.plusSeconds(5));

        assertThatThrownBy(() -> workspaces.add(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(workspaces.findById(first.id())).contains(first);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void putMembershipThenFindMembershipReturnsRole(Role role) {
        Workspace workspace = addWorkspace(T0);
        User user = addUser();
        Membership membership = new Membership(workspace.id(), user.id(), role);

        workspaces.putMembership(membership);

        assertThat(workspaces.findMembership(workspace.id(), user.id())).contains(membership);
    }

    @Test
    void putMembershipWhenAlreadyMemberThenReplacesRole() {
        Workspace workspace = addWorkspace(T0);
        User user = addUser();
        workspaces.putMembership(new Membership(workspace.id(), user.id(), Role.MEMBER));

        workspaces.putMembership(new Membership(workspace.id(), user.id(), Role.ADMIN));

        assertThat(workspaces.findMembership(workspace.id(), user.id()))
                .contains(new Membership(workspace.id(), user.id(), Role.ADMIN));
        assertThat(workspaces.findWorkspacesOf(user.id())).containsExactly(workspace);
    }

    @Test
    void findMembershipWhenNotMemberThenEmpty() {
        Workspace mine = addWorkspace(T0);
        Workspace other = addWorkspace(T0);
        User user = addUser();
        User stranger = addUser();
        workspaces.putMembership(new Membership(mine.id(), user.id(), Role.OWNER));

        assertThat(workspaces.findMembership(other.id(), user.id())).isEmpty();
        assertThat(workspaces.findMembership(mine.id(), stranger.id())).isEmpty();
    }

    @Test
    void findWorkspacesOfReturnsOnlyTheUsersWorkspacesOldestFirst() {
        Workspace middle = addWorkspace(T0.plus(Duration.ofDays(1)));
        Workspace newest = addWorkspace(T0.plus(Duration.ofDays(2)));
        Workspace oldest = addWorkspace(T0);
        Workspace notMine = addWorkspace(T0.minus(Duration.ofDays(1)));
        User user = addUser();
        User other = addUser();
        workspaces.putMembership(new Membership(newest.id(), user.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(oldest.id(), user.id(), Role.OWNER));
        workspaces.putMembership(new Membership(middle.id(), user.id(), Role.ADMIN));
        workspaces.putMembership(new Membership(notMine.id(), other.id(), Role.OWNER));

        assertThat(workspaces.findWorkspacesOf(user.id())).containsExactly(oldest, middle, newest);
    }

    @Test
    void findWorkspacesOfWhenNoMembershipsThenEmpty() {
        addWorkspace(T0);
        User user = addUser();

        assertThat(workspaces.findWorkspacesOf(user.id())).isEmpty();
    }

    private Workspace addWorkspace(java.time.Instant createdAt) {
        Workspace workspace = data.workspace(createdAt);
        workspaces.add(workspace);
        return workspace;
    }

    private User addUser() {
        User user = data.user();
        stores.users().add(user);
        return user;
    }
}
