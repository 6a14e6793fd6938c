package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.project.port.out.ProjectRepositoryContract;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ProjectRepositoryContract}, plus checks of how {@link JdbiProjectRepository#delete} rewrites the
 * space-joined project lists of the clients.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
abstract class JdbiProjectRepositoryChecks extends ProjectRepositoryContract {

    private TestDatabases.TestDatabase db;

    abstract TestDatabases.TestDatabase newDatabase();

    @Override
    protected final Stores newStores() {
        db = newDatabase();
        return db.stores();
    }

    @Test
    void deleteRemovesTheIdFromEachClientListOfTheWorkspaceAndKeepsTheOtherIdsInOrder() {
        Project deleted = addProject(workspace);
        Project first = addProject(workspace);
        Project last = addProject(workspace);
        OAuthClient several = addClient(workspace, ProjectAccess.only(List.of(first.id(), deleted.id(), last.id())),
                ClientStatus.ACTIVE);
        OAuthClient only = addClient(workspace, ProjectAccess.only(List.of(deleted.id())), ClientStatus.DISABLED);
        OAuthClient tombstone = addClient(workspace, ProjectAccess.only(List.of(deleted.id(), last.id())),
                ClientStatus.DELETED);
        OAuthClient all = addClient(workspace, ProjectAccess.all(), ClientStatus.ACTIVE);
        OAuthClient none = addClient(workspace, ProjectAccess.only(List.of()), ClientStatus.ACTIVE);

        assertThat(projects.delete(deleted.id())).isTrue();

        assertThat(projectsColumn(several)).isEqualTo(first.id() + " " + last.id());
        assertThat(projectsColumn(only)).isEmpty();
        assertThat(projectsColumn(tombstone)).isEqualTo(last.id().value());
        assertThat(projectsColumn(all)).isNull();
        assertThat(projectsColumn(none)).isEmpty();
        assertThat(stores.clients().findById(only.id())).contains(withProjects(only, ProjectAccess.only(List.of())));
        assertThat(projects.findById(deleted.id())).isEmpty();
        assertThat(projects.findById(first.id())).contains(first);
    }

    @Test
    void deleteLeavesIdsThatMerelyContainTheDeletedId() {
        Project deleted = addProject(workspace);
        ProjectId longer = new ProjectId(deleted.id().value() + "x");
        ProjectId prefixed = new ProjectId(ProjectId.PREFIX + "x" + deleted.id().value().substring(ProjectId.PREFIX.length()));
        OAuthClient lookalikes = addClient(workspace, ProjectAccess.only(List.of(longer, prefixed)), ClientStatus.ACTIVE);
        OAuthClient mixed = addClient(workspace, ProjectAccess.only(List.of(longer, deleted.id(), prefixed)),
                ClientStatus.ACTIVE);

        assertThat(projects.delete(deleted.id())).isTrue();

        assertThat(stores.clients().findById(lookalikes.id())).contains(lookalikes);
        assertThat(projectsColumn(mixed)).isEqualTo(longer + " " + prefixed);
    }

    @Test
    void deleteChangesNeitherTheVersionNorTheChangeTimeOfTheClients() {
        Project deleted = addProject(workspace);
        Project kept = addProject(workspace);
        OAuthClient client = addClient(workspace, ProjectAccess.only(List.of(deleted.id(), kept.id())), ClientStatus.ACTIVE);
        OAuthClient changed = client.patched(Optional.of("changed"), Optional.empty(), Optional.empty(), T0.plusSeconds(30));
        assertThat(stores.clients().update(changed)).isTrue();

        assertThat(projects.delete(deleted.id())).isTrue();

        OAuthClient found = stores.clients().findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(withProjects(changed, ProjectAccess.only(List.of(kept.id()))));
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(stores.clients().changedSince(T0.plusSeconds(31))).isEmpty();
    }

    @Test
    void deleteLeavesTheClientsOfOtherWorkspacesAlone() {
        Workspace other = data.addWorkspace(stores);
        Project deleted = addProject(workspace);
        Project theirs = addProject(other);
        OAuthClient client = addClient(other, ProjectAccess.only(List.of(theirs.id())), ClientStatus.ACTIVE);

        assertThat(projects.delete(deleted.id())).isTrue();

        assertThat(stores.clients().findById(client.id())).contains(client);
        assertThat(projects.findById(theirs.id())).contains(theirs);
    }

    private Project addProject(Workspace in) {
        Project project = new Project(ProjectId.generate(data.random()), in.id(), "Project", T0);
        projects.add(project);
        return project;
    }

    private OAuthClient addClient(Workspace in, ProjectAccess access, ClientStatus status) {
        OAuthClient client = withProjects(TestData.withStatus(data.client(in.id()), status), access);
        stores.clients().add(client);
        return client;
    }

    /** The stored list, as written: ids space-joined in order, {@code NULL} for all projects. */
    private String projectsColumn(OAuthClient client) {
        return db.jdbi().withHandle(handle -> handle.createQuery("SELECT projects FROM oauth_clients WHERE id = :id")
                .bind("id", client.id().value())
                .mapTo(String.class)
                .one());
    }

    private static OAuthClient withProjects(OAuthClient c, ProjectAccess projects) {
        return new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), c.previousSecretHash(),
                c.previousSecretExpiresAt(), c.name(), c.allowedScopes(), projects, c.createdAt(), c.lastUsedAt(),
                c.status(), c.tokenGeneration(), c.version(), c.updatedAt());
    }
}
