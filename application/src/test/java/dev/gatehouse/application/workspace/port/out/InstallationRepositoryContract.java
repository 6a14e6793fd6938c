package dev.gatehouse.application.workspace.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.out.InstallationRepository.Installation;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InstallationRepository} must do; subclasses supply a fresh, empty store. */
public abstract class InstallationRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected InstallationRepository installations;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        installations = stores.installations();
    }

    @Test
    void isInstalledIsFalseUntilTheFirstInstallThenTrue() {
        assertThat(installations.isInstalled()).isFalse();

        installations.installIfEmpty(installation(data.freshEmail()));

        assertThat(installations.isInstalled()).isTrue();
    }

    @Test
    void installIfEmptyWhenEmptyThenStoresEverything() {
        Installation installation = installation(data.freshEmail());

        boolean installed = installations.installIfEmpty(installation);

        assertThat(installed).isTrue();
        assertStored(installation);
    }

    @Test
    void installIfEmptyWhenAlreadyInstalledThenFalseAndStoresNothingOfTheSecond() {
        Installation first = installation(data.freshEmail());
        Installation second = installation(data.freshEmail());
        installations.installIfEmpty(first);

        boolean installedAgain = installations.installIfEmpty(second);

        assertThat(installedAgain).isFalse();
        assertNothingStored(second);
        assertStored(first);
    }

    @Test
    void installIfEmptyWhenOwnerEmailTakenThenStoresNothing() {
        User existing = data.user("owner@gatehouse.local", T0);
        stores.users().add(existing);
        Installation installation = installation("Owner@Gatehouse.local");

        boolean installed;
        try {
            installed = installations.installIfEmpty(installation);
        } catch (RuntimeException refused) {
            installed = false;
        }

        assertThat(installed).isFalse();
        assertNothingStored(installation);
        assertThat(stores.users().findByEmail("owner@gatehouse.local")).contains(existing);
    }

    @Test
    void installIfEmptyWhenServersRaceThenExactlyOneInstalls() throws Exception {
        int servers = 8;
        List<Installation> attempts = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            attempts.add(installation(data.freshEmail()));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        List<Boolean> results = new ArrayList<>();
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Installation attempt : attempts) {
                Callable<Boolean> task = () -> {
                    start.await();
                    return installations.installIfEmpty(attempt);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Boolean> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).containsOnlyOnce(true);
        Installation winner = attempts.get(results.indexOf(true));
        assertStored(winner);
        for (Installation attempt : attempts) {
            if (attempt != winner) {
                assertNothingStored(attempt);
            }
        }
    }

    private Installation installation(String email) {
        Workspace workspace = data.workspace();
        User owner = data.user(email, T0);
        return new Installation(workspace, owner, new Membership(workspace.id(), owner.id(), Role.OWNER),
                data.apiKey(owner.id(), T0).key());
    }

    private void assertStored(Installation installation) {
        assertThat(stores.workspaces().findById(installation.workspace().id())).contains(installation.workspace());
        assertThat(stores.users().findById(installation.owner().id())).contains(installation.owner());
        assertThat(stores.workspaces().findMembership(installation.workspace().id(), installation.owner().id()))
                .contains(installation.membership());
        assertThat(stores.workspaces().findWorkspacesOf(installation.owner().id())).containsExactly(installation.workspace());
        assertThat(stores.apiKeys().findByHash(installation.apiKey().hash())).contains(installation.apiKey());
        assertThat(stores.apiKeys().findLiveByUser(installation.owner().id())).contains(installation.apiKey());
    }

    private void assertNothingStored(Installation installation) {
        assertThat(stores.workspaces().findById(installation.workspace().id())).isEmpty();
        assertThat(stores.users().findById(installation.owner().id())).isEmpty();
        assertThat(stores.workspaces().findMembership(installation.workspace().id(), installation.owner().id())).isEmpty();
        assertThat(stores.apiKeys().findByHash(installation.apiKey().hash())).isEmpty();
    }
}
