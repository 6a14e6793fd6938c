package dev.gatehouse.application.testing;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.workspace.port.out.InstallationRepository.Installation;
import dev.gatehouse.application.workspace.port.out.InstallationRepositoryContract;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

class InMemoryInstallationRepositoryTest extends InstallationRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }

    @Test
    void installIfEmptyWhenAnyWorkspaceExistsThenFalse() {
        data.addWorkspace(stores);
        Workspace workspace = data.workspace();
        User owner = data.user();
        Installation installation = new Installation(workspace, owner, new Membership(workspace.id(), owner.id(), Role.OWNER),
                data.apiKey(owner.id(), T0).key());

        assertThat(installations.installIfEmpty(installation)).isFalse();
        assertThat(stores.users().findById(owner.id())).isEmpty();
    }
}
