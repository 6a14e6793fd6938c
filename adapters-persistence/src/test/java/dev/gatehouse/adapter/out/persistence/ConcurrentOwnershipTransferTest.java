package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The owner, on two servers at once, transfers ownership to two different members: exactly one transfer
 * happens, the other fails changing nothing, and the workspace ends with exactly one owner.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class ConcurrentOwnershipTransferTest {

    private static final int ROUNDS = 10;

    private final TestData data = new TestData();

    @Test
    void transferOwnershipWhenTwoTransfersRaceOnH2ThenExactlyOneWins() throws Exception {
        raceRounds(TestDatabases::h2);
    }

    @Test
    void transferOwnershipWhenTwoTransfersRaceOnPostgresThenExactlyOneWins() throws Exception {
        raceRounds(TestDatabases::postgres);
    }

    private void raceRounds(Supplier<TestDatabases.TestDatabase> databases) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TestDatabases.TestDatabase db = databases.get();
                Database first = db.database();
                Database second = db.openAnother();
                Stores stores = db.stores();
                Workspace workspace = data.addWorkspace(stores);
                User owner = data.addMember(stores, workspace.id(), Role.OWNER);
                User a = data.addMember(stores, workspace.id(), Role.MEMBER);
                User b = data.addMember(stores, workspace.id(), Role.ADMIN);
                CyclicBarrier start = new CyclicBarrier(2);

                CompletableFuture<Boolean> ta = CompletableFuture.supplyAsync(
                        () -> transfer(first, workspace, owner.id(), a.id(), start), threads);
                CompletableFuture<Boolean> tb = CompletableFuture.supplyAsync(
                        () -> transfer(second, workspace, owner.id(), b.id(), start), threads);
                List<Boolean> results = List.of(ta.get(30, TimeUnit.SECONDS), tb.get(30, TimeUnit.SECONDS));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                Map<UserId, Role> roles = first.workspaces().members(workspace.id()).stream()
                        .collect(Collectors.toMap(member -> member.user().id(), Member::role));
                assertThat(roles.values()).as("round %d", round).containsOnlyOnce(Role.OWNER);
                assertThat(roles).as("round %d", round).isEqualTo(results.get(0)
                        ? Map.of(owner.id(), Role.ADMIN, a.id(), Role.OWNER, b.id(), Role.ADMIN)
                        : Map.of(owner.id(), Role.ADMIN, a.id(), Role.MEMBER, b.id(), Role.OWNER));
                TestDatabases.closeAll();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** True when the transfer happened, false when it was refused with an {@link IllegalStateException}. */
    private static boolean transfer(Database server, Workspace workspace, UserId from, UserId to, CyclicBarrier start) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            server.workspaces().transferOwnership(workspace.id(), from, to);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
