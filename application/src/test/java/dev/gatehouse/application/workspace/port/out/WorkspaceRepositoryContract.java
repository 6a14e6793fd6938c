package dev.gatehouse.application.workspace.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.List;
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

    @Test
    void membersReturnsEachMemberWithUserAndRoleInTheOrderTheyJoined() {
        Workspace workspace = addWorkspace(T0);
        User joinedThird = addUser("third@example.com", T0);
        User joinedFirst = addUser("first@example.com", T0.plusSeconds(2));
        User joinedSecond = addUser("second@example.com", T0.plusSeconds(1));
        workspaces.putMembership(new Membership(workspace.id(), joinedFirst.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), joinedSecond.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(workspace.id(), joinedThird.id(), Role.ADMIN));

        List<Member> members = workspaces.members(workspace.id());

        assertThat(members).containsExactly(new Member(joinedFirst, Role.OWNER), new Member(joinedSecond, Role.MEMBER),
                new Member(joinedThird, Role.ADMIN));
        assertThat(members.get(0).user().email()).isEqualTo(joinedFirst.email()).startsWith("first-");
        assertThat(members.get(0).user().username()).isEqualTo(joinedFirst.username());
    }

    @Test
    void membersKeepsTheJoinOrderWhenARoleChanges() {
        Workspace workspace = addWorkspace(T0);
        User first = addUser();
        User second = addUser();
        workspaces.putMembership(new Membership(workspace.id(), first.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(workspace.id(), second.id(), Role.OWNER));

        workspaces.putMembership(new Membership(workspace.id(), first.id(), Role.ADMIN));

        assertThat(workspaces.members(workspace.id()))
                .containsExactly(new Member(first, Role.ADMIN), new Member(second, Role.OWNER));
    }

    @Test
    void membersPutsAMemberWhoLeftAndRejoinedLast() {
        Workspace workspace = addWorkspace(T0);
        User first = addUser();
        User second = addUser();
        workspaces.putMembership(new Membership(workspace.id(), first.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(workspace.id(), second.id(), Role.OWNER));
        workspaces.removeMembership(workspace.id(), first.id());

        workspaces.putMembership(new Membership(workspace.id(), first.id(), Role.MEMBER));

        assertThat(workspaces.members(workspace.id()))
                .containsExactly(new Member(second, Role.OWNER), new Member(first, Role.MEMBER));
    }

    @Test
    void membersLeavesOutOtherWorkspacesMembers() {
        Workspace workspace = addWorkspace(T0);
        Workspace other = addWorkspace(T0);
        User mine = addUser();
        User theirs = addUser();
        User both = addUser();
        workspaces.putMembership(new Membership(workspace.id(), mine.id(), Role.OWNER));
        workspaces.putMembership(new Membership(other.id(), theirs.id(), Role.OWNER));
        workspaces.putMembership(new Membership(other.id(), both.id(), Role.ADMIN));
        workspaces.putMembership(new Membership(workspace.id(), both.id(), Role.MEMBER));

        assertThat(workspaces.members(workspace.id()))
                .containsExactly(new Member(mine, Role.OWNER), new Member(both, Role.MEMBER));
        assertThat(workspaces.members(other.id()))
                .containsExactly(new Member(theirs, Role.OWNER), new Member(both, Role.ADMIN));
    }

    @Test
    void membersWhenNoMembersThenEmpty() {
        Workspace workspace = addWorkspace(T0);
        Workspace other = addWorkspace(T0);
        workspaces.putMembership(new Membership(other.id(), addUser().id(), Role.OWNER));

        assertThat(workspaces.members(workspace.id())).isEmpty();
        assertThat(workspaces.members(WorkspaceId.generate(data.random()))).isEmpty();
    }

    @Test
    void removeMembershipRemovesTheMemberAndAnswersTrue() {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        User leaving = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), leaving.id(), Role.MEMBER));

        assertThat(workspaces.removeMembership(workspace.id(), leaving.id())).isTrue();

        assertThat(workspaces.findMembership(workspace.id(), leaving.id())).isEmpty();
        assertThat(workspaces.members(workspace.id())).containsExactly(new Member(owner, Role.OWNER));
        assertThat(workspaces.findWorkspacesOf(leaving.id())).isEmpty();
        assertThat(stores.users().findById(leaving.id())).as("the user stays").contains(leaving);
    }

    @Test
    void removeMembershipWhenNotMemberThenFalse() {
        Workspace workspace = addWorkspace(T0);
        User stranger = addUser();

        assertThat(workspaces.removeMembership(workspace.id(), stranger.id())).isFalse();
    }

    @Test
    void removeMembershipTwiceThenSecondFalse() {
        Workspace workspace = addWorkspace(T0);
        User user = addUser();
        workspaces.putMembership(new Membership(workspace.id(), user.id(), Role.MEMBER));
        workspaces.removeMembership(workspace.id(), user.id());

        assertThat(workspaces.removeMembership(workspace.id(), user.id())).isFalse();
    }

    @Test
    void removeMembershipLeavesTheUsersOtherWorkspacesAlone() {
        Workspace workspace = addWorkspace(T0);
        Workspace other = addWorkspace(T0.plusSeconds(1));
        User user = addUser();
        workspaces.putMembership(new Membership(workspace.id(), user.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(other.id(), user.id(), Role.ADMIN));

        workspaces.removeMembership(workspace.id(), user.id());

        assertThat(workspaces.findMembership(other.id(), user.id()))
                .contains(new Membership(other.id(), user.id(), Role.ADMIN));
        assertThat(workspaces.findWorkspacesOf(user.id())).containsExactly(other);
    }

    @Test
    void removeMembershipWhenOwnerThenFalseAndKept() {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));

        assertThat(workspaces.removeMembership(workspace.id(), owner.id())).isFalse();

        assertThat(workspaces.findMembership(workspace.id(), owner.id()))
                .contains(new Membership(workspace.id(), owner.id(), Role.OWNER));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void changeRoleUnlessOwnerChangesAMembersRole(Role next) {
        Workspace workspace = addWorkspace(T0);
        User user = addUser();
        Role before = next == Role.ADMIN ? Role.MEMBER : Role.ADMIN;
        workspaces.putMembership(new Membership(workspace.id(), user.id(), before));

        assertThat(workspaces.changeRoleUnlessOwner(workspace.id(), user.id(), next)).isTrue();

        assertThat(workspaces.findMembership(workspace.id(), user.id()))
                .contains(new Membership(workspace.id(), user.id(), next));
    }

    @Test
    void changeRoleUnlessOwnerWhenOwnerThenFalseAndKept() {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));

        assertThat(workspaces.changeRoleUnlessOwner(workspace.id(), owner.id(), Role.MEMBER)).isFalse();

        assertThat(workspaces.findMembership(workspace.id(), owner.id()))
                .contains(new Membership(workspace.id(), owner.id(), Role.OWNER));
    }

    @Test
    void changeRoleUnlessOwnerWhenNotMemberThenFalseAndNothingAdded() {
        Workspace workspace = addWorkspace(T0);
        User stranger = addUser();

        assertThat(workspaces.changeRoleUnlessOwner(workspace.id(), stranger.id(), Role.ADMIN)).isFalse();

        assertThat(workspaces.findMembership(workspace.id(), stranger.id())).isEmpty();
    }

    @Test
    void changeRoleUnlessOwnerWhenAskedForOwnerThenRejected() {
        Workspace workspace = addWorkspace(T0);
        User user = addUser();
        workspaces.putMembership(new Membership(workspace.id(), user.id(), Role.MEMBER));

        assertThatThrownBy(() -> workspaces.changeRoleUnlessOwner(workspace.id(), user.id(), Role.OWNER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(workspaces.findMembership(workspace.id(), user.id()))
                .contains(new Membership(workspace.id(), user.id(), Role.MEMBER));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void transferOwnershipMakesTheMemberOwnerAndTheOwnerAnAdmin(Role before) {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        User next = addUser();
        User bystander = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), next.id(), before));
        workspaces.putMembership(new Membership(workspace.id(), bystander.id(), Role.MEMBER));

        workspaces.transferOwnership(workspace.id(), owner.id(), next.id());

        assertThat(workspaces.members(workspace.id())).containsExactly(new Member(owner, Role.ADMIN),
                new Member(next, Role.OWNER), new Member(bystander, Role.MEMBER));
    }

    @Test
    void transferOwnershipBackAndForth() {
        Workspace workspace = addWorkspace(T0);
        User a = addUser();
        User b = addUser();
        workspaces.putMembership(new Membership(workspace.id(), a.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), b.id(), Role.MEMBER));

        workspaces.transferOwnership(workspace.id(), a.id(), b.id());
        workspaces.transferOwnership(workspace.id(), b.id(), a.id());

        assertThat(workspaces.members(workspace.id())).containsExactly(new Member(a, Role.OWNER), new Member(b, Role.ADMIN));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void transferOwnershipWhenFromIsNotTheOwnerThenIllegalStateAndNothingChanges(Role fromRole) {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        User from = addUser();
        User to = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), from.id(), fromRole));
        workspaces.putMembership(new Membership(workspace.id(), to.id(), Role.MEMBER));
        List<Member> before = workspaces.members(workspace.id());

        assertThatThrownBy(() -> workspaces.transferOwnership(workspace.id(), from.id(), to.id()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(workspaces.members(workspace.id())).isEqualTo(before);
    }

    @Test
    void transferOwnershipWhenFromIsNotAMemberThenIllegalStateAndNothingChanges() {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        User to = addUser();
        User stranger = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), to.id(), Role.ADMIN));
        List<Member> before = workspaces.members(workspace.id());

        assertThatThrownBy(() -> workspaces.transferOwnership(workspace.id(), stranger.id(), to.id()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(workspaces.members(workspace.id())).isEqualTo(before);
    }

    @Test
    void transferOwnershipWhenToIsNotAMemberThenIllegalStateAndNothingChanges() {
        Workspace workspace = addWorkspace(T0);
        Workspace other = addWorkspace(T0);
        User owner = addUser();
        User member = addUser();
        User outsider = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), member.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(other.id(), outsider.id(), Role.MEMBER));
        List<Member> before = workspaces.members(workspace.id());

        assertThatThrownBy(() -> workspaces.transferOwnership(workspace.id(), owner.id(), outsider.id()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(workspaces.members(workspace.id())).isEqualTo(before);
        assertThat(workspaces.findMembership(workspace.id(), outsider.id())).isEmpty();
        assertThat(workspaces.findMembership(other.id(), outsider.id()))
                .contains(new Membership(other.id(), outsider.id(), Role.MEMBER));
    }

    @Test
    void transferOwnershipWhenTheOwnerOfAnotherWorkspaceAsksThenIllegalStateAndNothingChanges() {
        Workspace workspace = addWorkspace(T0);
        Workspace other = addWorkspace(T0);
        User owner = addUser();
        User otherOwner = addUser();
        User member = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        workspaces.putMembership(new Membership(workspace.id(), member.id(), Role.MEMBER));
        workspaces.putMembership(new Membership(other.id(), otherOwner.id(), Role.OWNER));
        List<Member> before = workspaces.members(workspace.id());

        assertThatThrownBy(() -> workspaces.transferOwnership(workspace.id(), otherOwner.id(), member.id()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(workspaces.members(workspace.id())).isEqualTo(before);
        assertThat(workspaces.findMembership(other.id(), otherOwner.id()))
                .contains(new Membership(other.id(), otherOwner.id(), Role.OWNER));
    }

    @Test
    void addMemberWithNewUserStoresTheUserTheKeyAndTheMembership() {
        Workspace workspace = addWorkspace(T0);
        User owner = addUser();
        workspaces.putMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        User user = data.user(data.freshEmail(), T0.plusSeconds(1));
        ApiKey.Issued key = data.apiKey(user.id(), T0.plusSeconds(1));
        Membership membership = new Membership(workspace.id(), user.id(), Role.ADMIN);

        workspaces.addMemberWithNewUser(user, key.key(), membership);

        assertThat(stores.users().findById(user.id())).contains(user);
        assertThat(stores.users().findByEmail(user.email())).contains(user);
        assertThat(stores.apiKeys().findByHash(key.plaintext().hash())).contains(key.key());
        assertThat(stores.apiKeys().findLiveByUser(user.id())).contains(key.key());
        assertThat(workspaces.findMembership(workspace.id(), user.id())).contains(membership);
        assertThat(workspaces.members(workspace.id()))
                .containsExactly(new Member(owner, Role.OWNER), new Member(user, Role.ADMIN));
        assertThat(workspaces.findWorkspacesOf(user.id())).containsExactly(workspace);
    }

    @Test
    void addMemberWithNewUserWhenEmailTakenThenRejectedAndNothingStored() {
        Workspace workspace = addWorkspace(T0);
        User existing = addUser();
        User user = data.user(existing.email(), T0.plusSeconds(1));
        ApiKey.Issued key = data.apiKey(user.id(), T0.plusSeconds(1));

        assertThatThrownBy(() -> workspaces.addMemberWithNewUser(user, key.key(),
                new Membership(workspace.id(), user.id(), Role.MEMBER))).isInstanceOf(RuntimeException.class);

        assertThat(stores.users().findById(user.id())).isEmpty();
        assertThat(stores.users().findByEmail(existing.email())).contains(existing);
        assertThat(stores.apiKeys().findByHash(key.plaintext().hash())).isEmpty();
        assertThat(stores.apiKeys().findLiveByUser(user.id())).isEmpty();
        assertThat(workspaces.findMembership(workspace.id(), user.id())).isEmpty();
        assertThat(workspaces.members(workspace.id())).isEmpty();
    }

    private Workspace addWorkspace(java.time.Instant createdAt) {
        Workspace workspace = data.workspace(createdAt);
        workspaces.add(workspace);
        return workspace;
    }

    private User addUser(String email, java.time.Instant createdAt) {
        User user = data.user(email.replace("@", "-" + UserId.generate(data.random()).value().substring(2, 10) + "@"), createdAt);
        stores.users().add(user);
        return user;
    }

    private User addUser() {
        User user = data.user();
        stores.users().add(user);
        return user;
    }
}
