package dev.gatehouse.application.workspace.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.testing.WatchedReads;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentMembershipsTest {

    private final TestData data = new TestData(new SplittableRandom(31));
    private final MutableClock clock = new MutableClock(T0);
    private final WatchedReads watchedReads = new WatchedReads();
    private final AtomicInteger reads = watchedReads.count();
    private Stores stores;
    private Workspace workspace;
    private User member;
    private RecentMemberships memberships;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        workspace = data.addWorkspace(stores);
        member = data.addMember(stores, workspace.id(), Role.MEMBER);
        WorkspaceRepository real = stores.workspaces();
        WorkspaceRepository watched = watchedReads.watch(WorkspaceRepository.class, real, "findMembership");
        memberships = new RecentMemberships(watched, clock);
    }

    @Test
    void findTwiceWithinASecondThenTheStoreIsReadOnce() {
        Membership expected = new Membership(workspace.id(), member.id(), Role.MEMBER);

        assertThat(memberships.find(workspace.id(), member.id())).contains(expected);
        clock.advance(RecentMemberships.RECENT.minusMillis(1));
        assertThat(memberships.find(workspace.id(), member.id())).contains(expected);

        assertThat(reads).hasValue(1);
    }

    @Test
    void findASecondAfterTheReadThenTheStoreIsReadAgain() {
        memberships.find(workspace.id(), member.id());
        clock.advance(RecentMemberships.RECENT);

        memberships.find(workspace.id(), member.id());

        assertThat(reads).hasValue(2);
    }

    @Test
    void findAfterAChangeHereThenTheStoreIsReadAgainAndTheRemovalCounts() {
        memberships.find(workspace.id(), member.id());
        stores.workspaces().removeMembership(workspace.id(), member.id());

        memberships.changed();

        assertThat(memberships.find(workspace.id(), member.id())).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void findAfterASignalFromAnotherServerThenTheRemovalCounts() {
        memberships.find(workspace.id(), member.id());
        stores.workspaces().removeMembership(workspace.id(), member.id());

        memberships.changedElsewhere();

        assertThat(memberships.find(workspace.id(), member.id())).isEmpty();
    }

    @Test
    void aRemovalMadeWhileAReadIsUnderWayIsNotOutlivedByThatRead() {
        watchedReads.duringNextRead(() -> {
            stores.workspaces().removeMembership(workspace.id(), member.id());
            memberships.changed();
        });

        assertThat(memberships.find(workspace.id(), member.id())).isPresent();

        assertThat(memberships.find(workspace.id(), member.id())).isEmpty();
    }

    @Test
    void aMissingMembershipIsNotRememberedSoANewMemberIsLetInAtOnce() {
        User newcomer = data.addUser(stores);
        assertThat(memberships.find(workspace.id(), newcomer.id())).isEmpty();

        stores.workspaces().putMembership(new Membership(workspace.id(), newcomer.id(), Role.MEMBER));

        assertThat(memberships.find(workspace.id(), newcomer.id())).isPresent();
    }

    @Test
    void aMembershipOfOneWorkspaceSaysNothingOfAnother() {
        Workspace other = data.addWorkspace(stores);
        memberships.find(workspace.id(), member.id());

        assertThat(memberships.find(other.id(), member.id())).isEmpty();
    }

    @Test
    void onlyChangesMadeHereAreToldToTheListeners() {
        AtomicInteger told = new AtomicInteger();
        memberships.onLocalChange(told::incrementAndGet);

        memberships.changed();
        memberships.changedElsewhere();

        assertThat(told).hasValue(1);
    }

    @Test
    void aRememberedMembershipIsTheStoredOneWithItsRole() {
        stores.workspaces().changeRoleUnlessOwner(workspace.id(), member.id(), Role.ADMIN);
        clock.advance(Duration.ofMillis(1));

        assertThat(memberships.find(workspace.id(), member.id()).map(Membership::role)).contains(Role.ADMIN);
        assertThat(memberships.find(workspace.id(), member.id()).map(Membership::role)).contains(Role.ADMIN);
    }
}
