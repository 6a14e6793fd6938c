package dev.gatehouse.application.project.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.project.port.in.ProjectUseCases.ProjectFields;
import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectPage;
import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectQuery;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectServiceTest {

    private final TestData data = new TestData(new SplittableRandom(8));
    private final MutableClock clock = new MutableClock(T0.plusNanos(123_456));
    private Stores stores;
    private InMemoryAuditLog audit;
    private ProjectService service;
    private Workspace workspace;
    private Principal.WorkspaceClient unrestricted;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        service = new ProjectService(stores.projects(), audit, clock, data.random());
        workspace = data.addWorkspace(stores);
        unrestricted = caller(workspace, ProjectAccess.all());
    }

    // create

    @Test
    void createStoresTheProjectWithEveryField() {
        Project project = service.create(unrestricted, new ProjectFields(Optional.of("Acme"), Optional.of("Acme app"),
                Optional.of("help@acme.example"), Optional.of(true)));

        assertThat(project.id().value()).startsWith("proj_");
        assertThat(project.workspaceId()).isEqualTo(workspace.id());
        assertThat(project.name()).isEqualTo("Acme");
        assertThat(project.appName()).contains("Acme app");
        assertThat(project.supportEmail()).contains("help@acme.example");
        assertThat(project.connectRequireKeyAuthTest()).isTrue();
        assertThat(project.createdAt()).isEqualTo(T0);
        assertThat(stores.projects().findById(project.id())).contains(project);
    }

    @Test
    void createLeavesAbsentOptionalFieldsEmpty() {
        Project project = service.create(unrestricted, fields("Bare"));

        assertThat(project.appName()).isEmpty();
        assertThat(project.supportEmail()).isEmpty();
        assertThat(project.connectRequireKeyAuthTest()).isFalse();
    }

    @Test
    void createIsAuditedWithTheCallingClient() {
        Project project = service.create(unrestricted, fields("Audited"));

        assertThat(audit.events()).containsExactly(
                new AuditEvent.ProjectChanged(workspace.id(), unrestricted.clientId(), "created", project.id().value(), T0));
        assertThat(audit.events().get(0).type()).isEqualTo("project.created");
    }

    @Test
    void createWhenNameAbsentThenInvalidInputAndNothingStored() {
        assertThatThrownBy(() -> service.create(unrestricted, new ProjectFields(Optional.empty(), Optional.of("app"),
                Optional.empty(), Optional.empty()))).isInstanceOf(InvalidInputException.class);
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void createWhenNameBlankThenInvalidInput(String name) {
        assertThatThrownBy(() -> service.create(unrestricted, fields(name))).isInstanceOf(InvalidInputException.class);
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@", "@example.com", "a b@example.com", "a@b@example.com", " "})
    void createWhenSupportEmailMalformedThenInvalidInputAndNothingStored(String email) {
        assertThatThrownBy(() -> service.create(unrestricted, new ProjectFields(Optional.of("p"), Optional.empty(),
                Optional.of(email), Optional.empty()))).isInstanceOf(InvalidInputException.class);
        assertNothingStored();
    }

    @Test
    void createWhenNameTooLongThenInvalidInput() {
        assertThatThrownBy(() -> service.create(unrestricted, fields("n".repeat(201))))
                .isInstanceOf(InvalidInputException.class);
        assertNothingStored();
    }

    @Test
    void createByARestrictedClientDoesNotWidenItsReach() {
        Project mine = addProject(workspace, "mine");
        OAuthClient stored = storeClient(ProjectAccess.only(List.of(mine.id())));
        Principal.WorkspaceClient restricted = caller(workspace, stored);

        Project created = service.create(restricted, fields("created"));

        assertThat(stores.projects().findById(created.id())).isPresent();
        assertThatThrownBy(() -> service.get(restricted, created.id())).isInstanceOf(NotFoundException.class);
        assertThat(service.list(restricted, Optional.empty(), Optional.empty(), 20).projects()).containsExactly(mine);
        assertThat(stores.clients().findById(stored.id()).orElseThrow().projects())
                .isEqualTo(ProjectAccess.only(List.of(mine.id())));
        assertThat(service.get(unrestricted, created.id())).isEqualTo(created);
    }

    // get, update, delete

    @Test
    void getReturnsTheProject() {
        Project project = addProject(workspace, "one");

        assertThat(service.get(unrestricted, project.id())).isEqualTo(project);
    }

    @Test
    void getWhenUnknownThenNotFound() {
        assertThatThrownBy(() -> service.get(unrestricted, ProjectId.generate(data.random())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyCallOnAnotherWorkspacesProjectIsNotFound() {
        Workspace other = data.addWorkspace(stores);
        Project theirs = addProject(other, "theirs");

        assertThatThrownBy(() -> service.get(unrestricted, theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.update(unrestricted, theirs.id(), fields("taken")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(unrestricted, theirs.id())).isInstanceOf(NotFoundException.class);
        assertThat(service.list(unrestricted, Optional.empty(), Optional.empty(), 20).projects()).isEmpty();
        assertThat(stores.projects().findById(theirs.id())).contains(theirs);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void aRestrictedClientSeesAndChangesOnlyItsProjects() {
        Project mine = addProject(workspace, "mine");
        Project notMine = addProject(workspace, "not mine");
        Principal.WorkspaceClient restricted = caller(workspace, ProjectAccess.only(List.of(mine.id())));

        assertThat(service.list(restricted, Optional.empty(), Optional.empty(), 20).projects()).containsExactly(mine);
        assertThat(service.list(restricted, Optional.empty(), Optional.empty(), 20).totalCount()).isEqualTo(1);
        assertThat(service.get(restricted, mine.id())).isEqualTo(mine);
        assertThatThrownBy(() -> service.get(restricted, notMine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.update(restricted, notMine.id(), fields("taken")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(restricted, notMine.id())).isInstanceOf(NotFoundException.class);
        assertThat(stores.projects().findById(notMine.id())).contains(notMine);
        assertThat(audit.events()).isEmpty();

        assertThat(service.update(restricted, mine.id(), fields("renamed")).name()).isEqualTo("renamed");
        service.delete(restricted, mine.id());
        assertThat(stores.projects().findById(mine.id())).isEmpty();
    }

    @Test
    void aClientRestrictedToNoProjectsSeesNone() {
        addProject(workspace, "one");
        Principal.WorkspaceClient none = caller(workspace, ProjectAccess.only(List.of()));

        ProjectPage page = service.list(none, Optional.empty(), Optional.empty(), 20);

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isZero();
    }

    @Test
    void aRestrictedClientCannotPageFromACursorOutsideItsProjects() {
        Project mine = addProject(workspace, "mine");
        Project notMine = addProject(workspace, "not mine");
        Principal.WorkspaceClient restricted = caller(workspace, ProjectAccess.only(List.of(mine.id())));

        assertThat(service.list(restricted, Optional.of(notMine.id().value()), Optional.empty(), 20).projects()).isEmpty();
        assertThat(service.list(restricted, Optional.empty(), Optional.of(notMine.id().value()), 20).projects()).isEmpty();
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        Project project = service.create(unrestricted, new ProjectFields(Optional.of("before"), Optional.of("App"),
                Optional.of("help@example.com"), Optional.of(false)));
        clock.advance(Duration.ofMinutes(5));

        Project updated = service.update(unrestricted, project.id(), new ProjectFields(Optional.empty(), Optional.of("New app"),
                Optional.empty(), Optional.of(true)));

        assertThat(updated.name()).isEqualTo("before");
        assertThat(updated.appName()).contains("New app");
        assertThat(updated.supportEmail()).contains("help@example.com");
        assertThat(updated.connectRequireKeyAuthTest()).isTrue();
        assertThat(updated.createdAt()).isEqualTo(project.createdAt());
        assertThat(stores.projects().findById(project.id())).contains(updated);
    }

    @Test
    void updateIsAudited() {
        Project project = addProject(workspace, "p");
        clock.advance(Duration.ofSeconds(3));

        service.update(unrestricted, project.id(), fields("q"));

        assertThat(audit.events()).containsExactly(new AuditEvent.ProjectChanged(workspace.id(), unrestricted.clientId(),
                "updated", project.id().value(), T0.plusSeconds(3)));
    }

    @Test
    void updateWhenSupportEmailMalformedThenInvalidInputAndNothingChanges() {
        Project project = addProject(workspace, "p");

        assertThatThrownBy(() -> service.update(unrestricted, project.id(), new ProjectFields(Optional.empty(), Optional.empty(),
                Optional.of("nope"), Optional.empty()))).isInstanceOf(InvalidInputException.class);
        assertThat(stores.projects().findById(project.id())).contains(project);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void updateWhenNameBlankThenInvalidInput() {
        Project project = addProject(workspace, "p");

        assertThatThrownBy(() -> service.update(unrestricted, project.id(), fields(" ")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(stores.projects().findById(project.id())).contains(project);
    }

    @Test
    void updateWhenUnknownThenNotFound() {
        assertThatThrownBy(() -> service.update(unrestricted, ProjectId.generate(data.random()), fields("x")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteRemovesTheProjectAndItFromTheClientsRestrictions() {
        Project deleted = addProject(workspace, "deleted");
        Project kept = addProject(workspace, "kept");
        OAuthClient client = storeClient(ProjectAccess.only(List.of(deleted.id(), kept.id())));

        service.delete(unrestricted, deleted.id());

        assertThat(stores.projects().findById(deleted.id())).isEmpty();
        assertThatThrownBy(() -> service.get(unrestricted, deleted.id())).isInstanceOf(NotFoundException.class);
        assertThat(stores.clients().findById(client.id()).orElseThrow().projects())
                .isEqualTo(ProjectAccess.only(List.of(kept.id())));
        assertThat(audit.events()).containsExactly(new AuditEvent.ProjectChanged(workspace.id(), unrestricted.clientId(),
                "deleted", deleted.id().value(), T0));
    }

    @Test
    void deleteTwiceThenNotFound() {
        Project project = addProject(workspace, "p");
        service.delete(unrestricted, project.id());

        assertThatThrownBy(() -> service.delete(unrestricted, project.id())).isInstanceOf(NotFoundException.class);
        assertThat(audit.events()).hasSize(1);
    }

    // list

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000})
    void listWhenLimitOutOfBoundsThenInvalidInput(int limit) {
        assertThatThrownBy(() -> service.list(unrestricted, Optional.empty(), Optional.empty(), limit))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void listAcceptsTheLimitsBounds(int limit) {
        List<Project> all = addProjects(3);

        assertThat(service.list(unrestricted, Optional.empty(), Optional.empty(), limit).projects())
                .containsExactlyElementsOf(all.subList(0, Math.min(limit, 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "proj_", "proj_a-b", "oc_abc", "1"})
    void listWhenCursorMalformedThenInvalidInput(String cursor) {
        assertThatThrownBy(() -> service.list(unrestricted, Optional.of(cursor), Optional.empty(), 20))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.list(unrestricted, Optional.empty(), Optional.of(cursor), 20))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listWhenBothCursorsThenInvalidInput() {
        List<Project> all = addProjects(3);

        assertThatThrownBy(() -> service.list(unrestricted, Optional.of(all.get(0).id().value()),
                Optional.of(all.get(2).id().value()), 20)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listWhenCursorUnknownThenEmptyPage() {
        addProjects(2);

        ProjectPage page = service.list(unrestricted, Optional.of(ProjectId.generate(data.random()).value()), Optional.empty(), 20);

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isEqualTo(2);
    }

    @Test
    void listWalksEveryPageForwardOnceWithoutDuplicates() {
        List<Project> all = addProjects(7);
        List<Project> walked = new ArrayList<>();
        Optional<String> after = Optional.empty();

        for (int pages = 0; pages < 20; pages++) {
            ProjectPage page = service.list(unrestricted, after, Optional.empty(), 3);
            assertThat(page.totalCount()).isEqualTo(7);
            if (page.projects().isEmpty()) {
                break;
            }
            assertThat(page.projects()).hasSizeLessThanOrEqualTo(3);
            walked.addAll(page.projects());
            after = Optional.of(page.projects().get(page.projects().size() - 1).id().value());
        }

        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(new HashSet<>(walked)).hasSize(7);
    }

    @Test
    void listWalksEveryPageBackwardOnceWithoutDuplicates() {
        List<Project> all = addProjects(7);
        List<Project> walked = new ArrayList<>();
        ProjectPage first = service.list(unrestricted, Optional.of(all.get(4).id().value()), Optional.empty(), 3);
        walked.addAll(first.projects());
        Optional<String> before = Optional.of(first.projects().get(0).id().value());

        for (int pages = 0; pages < 20; pages++) {
            ProjectPage page = service.list(unrestricted, Optional.empty(), before, 3);
            if (page.projects().isEmpty()) {
                break;
            }
            walked.addAll(0, page.projects());
            before = Optional.of(page.projects().get(0).id().value());
        }

        assertThat(walked).containsExactlyElementsOf(all);
    }

    @Test
    void listOfARestrictedClientWalksOnlyItsProjects() {
        List<Project> all = addProjects(6);
        Set<ProjectId> allowed = Set.of(all.get(1).id(), all.get(2).id(), all.get(4).id());
        Principal.WorkspaceClient restricted = caller(workspace, ProjectAccess.only(allowed));
        List<Project> walked = new ArrayList<>();
        Optional<String> after = Optional.empty();

        for (int pages = 0; pages < 20; pages++) {
            ProjectPage page = service.list(restricted, after, Optional.empty(), 2);
            assertThat(page.totalCount()).isEqualTo(3);
            if (page.projects().isEmpty()) {
                break;
            }
            walked.addAll(page.projects());
            after = Optional.of(page.projects().get(page.projects().size() - 1).id().value());
        }

        assertThat(walked).containsExactly(all.get(1), all.get(2), all.get(4));
    }

    @Test
    void listDoesNotAudit() {
        addProjects(2);

        service.list(unrestricted, Optional.empty(), Optional.empty(), 20);

        assertThat(audit.events()).isEmpty();
    }

    private static ProjectFields fields(String name) {
        return new ProjectFields(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Principal.WorkspaceClient caller(Workspace in, ProjectAccess projects) {
        OAuthClient client = data.client(in.id());
        return new Principal.WorkspaceClient(client.clientId(), in.id(), client.allowedScopes(), projects, "jti-" + client.id(),
                T0.plus(Duration.ofHours(1)));
    }

    private Principal.WorkspaceClient caller(Workspace in, OAuthClient client) {
        return new Principal.WorkspaceClient(client.clientId(), in.id(), client.allowedScopes(), client.projects(),
                "jti-" + client.id(), T0.plus(Duration.ofHours(1)));
    }

    private OAuthClient storeClient(ProjectAccess projects) {
        OAuthClient registered = data.client(workspace.id());
        OAuthClient client = new OAuthClient(registered.id(), registered.workspaceId(), registered.clientId(),
                registered.secretHash(), registered.name(), registered.allowedScopes(), projects, registered.createdAt(),
                registered.lastUsedAt(), registered.status());
        stores.clients().add(client);
        return client;
    }

    private Project addProject(Workspace in, String name) {
        Project project = new Project(ProjectId.generate(data.random()), in.id(), name, T0);
        stores.projects().add(project);
        return project;
    }

    /** {@code count} projects of the workspace created a second apart, in order; added newest first. */
    private List<Project> addProjects(int count) {
        List<Project> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(new Project(ProjectId.generate(data.random()), workspace.id(), "project " + i, T0.plusSeconds(i)));
        }
        for (int i = count - 1; i >= 0; i--) {
            stores.projects().add(made.get(i));
        }
        return made;
    }

    private void assertNothingStored() {
        assertThat(stores.projects().page(new ProjectQuery(workspace.id(), Optional.empty(), Optional.empty(), Optional.empty(),
                10)).totalCount()).isZero();
        assertThat(audit.events()).isEmpty();
    }
}
