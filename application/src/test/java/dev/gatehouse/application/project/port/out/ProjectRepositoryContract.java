package dev.gatehouse.application.project.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectPage;
import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectQuery;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProjectRepository} must do; subclasses supply a fresh, empty store.
 *
 * <p>Projects that share a creation time are ordered by id. The ids these tests make for that case differ only
 * in fixed-width digits, so that their order is the same under every collation a database may use.
 */
public abstract class ProjectRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected ProjectRepository projects;
    protected Workspace workspace;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        projects = stores.projects();
        workspace = data.addWorkspace(stores);
    }

    @Test
    void addThenFindByIdReturnsEveryField() {
        Project project = new Project(ProjectId.generate(data.random()), workspace.id(), "Zapier bridge – prod ✓",
                Optional.of("Acme Connect 東京"), Optional.of("Support@Example.com"), true, T0.plusMillis(1));

        projects.add(project);

        Project found = projects.findById(project.id()).orElseThrow();
        assertThat(found).isEqualTo(project);
        assertThat(found.workspaceId()).isEqualTo(workspace.id());
        assertThat(found.appName()).contains("Acme Connect 東京");
        assertThat(found.supportEmail()).contains("Support@Example.com");
        assertThat(found.connectRequireKeyAuthTest()).isTrue();
        assertThat(found.createdAt()).isEqualTo(T0.plusMillis(1));
    }

    @Test
    void addThenFindByIdReturnsAbsentOptionalFieldsAsAbsent() {
        Project project = project(workspace, T0);

        projects.add(project);

        Project found = projects.findById(project.id()).orElseThrow();
        assertThat(found).isEqualTo(project);
        assertThat(found.appName()).isEmpty();
        assertThat(found.supportEmail()).isEmpty();
        assertThat(found.connectRequireKeyAuthTest()).isFalse();
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        projects.add(project(workspace, T0));

        assertThat(projects.findById(ProjectId.generate(data.random()))).isEmpty();
    }

    @Test
    void addWhenIdTakenThenRejectedAndFirstKept() {
        Project first = project(workspace, T0);
        projects.add(first);
        Project sameId = new Project(first.id(), workspace.id(), "other", T0.plusSeconds(1));

        assertThatThrownBy(() -> projects.add(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(projects.findById(first.id())).contains(first);
    }

    @Test
    void updateReplacesTheNameAndTheOptionalFields() {
        Project project = project(workspace, T0);
        projects.add(project);
        Project changed = new Project(project.id(), workspace.id(), "renamed", Optional.of("App"),
                Optional.of("help@example.com"), true, project.createdAt());

        assertThat(projects.update(changed)).isTrue();

        assertThat(projects.findById(project.id())).contains(changed);
    }

    @Test
    void updateCanClearTheOptionalFields() {
        Project project = new Project(ProjectId.generate(data.random()), workspace.id(), "full", Optional.of("App"),
                Optional.of("help@example.com"), true, T0);
        projects.add(project);
        Project cleared = new Project(project.id(), workspace.id(), "full", project.createdAt());

        assertThat(projects.update(cleared)).isTrue();

        Project found = projects.findById(project.id()).orElseThrow();
        assertThat(found.appName()).isEmpty();
        assertThat(found.supportEmail()).isEmpty();
        assertThat(found.connectRequireKeyAuthTest()).isFalse();
    }

    @Test
    void updateLeavesTheWorkspaceAndCreationTimeAsStored() {
        Workspace other = data.addWorkspace(stores);
        Project project = project(workspace, T0);
        projects.add(project);

        assertThat(projects.update(new Project(project.id(), other.id(), "renamed", T0.plusSeconds(60)))).isTrue();

        Project found = projects.findById(project.id()).orElseThrow();
        assertThat(found.name()).isEqualTo("renamed");
        assertThat(found.workspaceId()).isEqualTo(workspace.id());
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void updateWhenUnknownThenFalseAndNothingStored() {
        Project unknown = project(workspace, T0);

        assertThat(projects.update(unknown)).isFalse();

        assertThat(projects.findById(unknown.id())).isEmpty();
        assertThat(page(query(Optional.empty(), Optional.empty(), 10)).totalCount()).isZero();
    }

    @Test
    void updateLeavesOtherProjectsAlone() {
        Project changed = add(project(workspace, T0));
        Project untouched = add(project(workspace, T0.plusSeconds(1)));

        projects.update(new Project(changed.id(), workspace.id(), "renamed", changed.createdAt()));

        assertThat(projects.findById(untouched.id())).contains(untouched);
    }

    @Test
    void deleteRemovesTheProject() {
        Project deleted = add(project(workspace, T0));
        Project kept = add(project(workspace, T0.plusSeconds(1)));

        assertThat(projects.delete(deleted.id())).isTrue();

        assertThat(projects.findById(deleted.id())).isEmpty();
        assertThat(projects.findById(kept.id())).contains(kept);
        assertThat(page(query(Optional.empty(), Optional.empty(), 10)).projects()).containsExactly(kept);
    }

    @Test
    void deleteWhenUnknownThenFalse() {
        Project kept = add(project(workspace, T0));

        assertThat(projects.delete(ProjectId.generate(data.random()))).isFalse();

        assertThat(projects.findById(kept.id())).contains(kept);
    }

    @Test
    void deleteTwiceThenSecondFalse() {
        Project project = add(project(workspace, T0));
        projects.delete(project.id());

        assertThat(projects.delete(project.id())).isFalse();
    }

    @Test
    void deleteRemovesTheProjectFromTheRestrictionOfEachClientOfTheWorkspace() {
        Project deleted = add(project(workspace, T0));
        Project kept = add(project(workspace, T0.plusSeconds(1)));
        OAuthClient several = addClient(ProjectAccess.only(List.of(kept.id(), deleted.id())));
        OAuthClient onlyIt = addClient(ProjectAccess.only(List.of(deleted.id())));
        OAuthClient others = addClient(ProjectAccess.only(List.of(kept.id())));
        OAuthClient all = addClient(ProjectAccess.all());

        assertThat(projects.delete(deleted.id())).isTrue();

        assertThat(storedProjects(several)).isEqualTo(ProjectAccess.only(List.of(kept.id())));
        assertThat(storedProjects(onlyIt).isRestricted()).as("a client restricted to it alone stays restricted").isTrue();
        assertThat(storedProjects(onlyIt).restrictedTo().orElseThrow()).isEmpty();
        assertThat(storedProjects(others)).isEqualTo(ProjectAccess.only(List.of(kept.id())));
        assertThat(storedProjects(all).isRestricted()).isFalse();
    }

    @Test
    void deleteLeavesTheClientsOtherFieldsAlone() {
        Project deleted = add(project(workspace, T0));
        Project kept = add(project(workspace, T0.plusSeconds(1)));
        OAuthClient client = addClient(ProjectAccess.only(List.of(deleted.id(), kept.id())));

        projects.delete(deleted.id());

        OAuthClient found = stores.clients().findById(client.id()).orElseThrow();
        assertThat(found.projects().permits(deleted.id())).isFalse();
        assertThat(found.projects().permits(kept.id())).isTrue();
        assertThat(found.clientId()).isEqualTo(client.clientId());
        assertThat(found.secretHash()).isEqualTo(client.secretHash());
        assertThat(found.name()).isEqualTo(client.name());
        assertThat(found.allowedScopes()).isEqualTo(client.allowedScopes());
        assertThat(found.status()).isEqualTo(client.status());
        assertThat(found.tokenGeneration()).isEqualTo(client.tokenGeneration());
    }

    @Test
    void pageReturnsTheWorkspacesProjectsOrderedByCreationTime() {
        Project second = add(project(workspace, T0.plusSeconds(2)));
        Project first = add(project(workspace, T0));
        Project third = add(project(workspace, T0.plus(Duration.ofDays(1))));

        ProjectPage page = page(query(Optional.empty(), Optional.empty(), 10));

        assertThat(page.projects()).containsExactly(first, second, third);
        assertThat(page.totalCount()).isEqualTo(3);
    }

    @Test
    void pageOrdersProjectsCreatedAtTheSameTimeById() {
        List<ProjectId> ids = sameTimeIds(3);
        Project c = add(new Project(ids.get(2), workspace.id(), "c", T0));
        Project a = add(new Project(ids.get(0), workspace.id(), "a", T0));
        Project b = add(new Project(ids.get(1), workspace.id(), "b", T0));

        assertThat(page(query(Optional.empty(), Optional.empty(), 10)).projects()).containsExactly(a, b, c);
        assertThat(page(query(Optional.of(a.id()), Optional.empty(), 10)).projects()).containsExactly(b, c);
        assertThat(page(query(Optional.empty(), Optional.of(c.id()), 10)).projects()).containsExactly(a, b);
    }

    @Test
    void pageLeavesOutOtherWorkspacesProjects() {
        Workspace other = data.addWorkspace(stores);
        Project mine = add(project(workspace, T0.plusSeconds(1)));
        add(project(other, T0));

        ProjectPage page = page(query(Optional.empty(), Optional.empty(), 10));

        assertThat(page.projects()).containsExactly(mine);
        assertThat(page.totalCount()).isEqualTo(1);
    }

    @Test
    void pageWhenNoProjectsThenEmptyWithTotalZero() {
        Workspace other = data.addWorkspace(stores);
        add(project(other, T0));

        ProjectPage page = page(query(Optional.empty(), Optional.empty(), 10));

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isZero();
    }

    @Test
    void pageReturnsAtMostLimitProjectsAndTheTotalOfTheWholeSelection() {
        List<Project> all = addProjects(5);

        ProjectPage page = page(query(Optional.empty(), Optional.empty(), 2));

        assertThat(page.projects()).containsExactly(all.get(0), all.get(1));
        assertThat(page.totalCount()).isEqualTo(5);
    }

    @Test
    void pageAfterReturnsTheProjectsFollowingTheCursor() {
        List<Project> all = addProjects(5);

        ProjectPage page = page(query(Optional.of(all.get(1).id()), Optional.empty(), 2));

        assertThat(page.projects()).containsExactly(all.get(2), all.get(3));
        assertThat(page.totalCount()).as("the total ignores the cursor").isEqualTo(5);
    }

    @Test
    void pageAfterNearTheEndReturnsWhatIsLeft() {
        List<Project> all = addProjects(5);

        assertThat(page(query(Optional.of(all.get(3).id()), Optional.empty(), 3)).projects()).containsExactly(all.get(4));
    }

    @Test
    void pageAfterTheLastProjectThenEmptyWithTheTotal() {
        List<Project> all = addProjects(3);

        ProjectPage page = page(query(Optional.of(all.get(2).id()), Optional.empty(), 10));

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isEqualTo(3);
    }

    @Test
    void pageBeforeReturnsTheLimitProjectsJustBeforeTheCursorInOrder() {
        List<Project> all = addProjects(5);

        ProjectPage page = page(query(Optional.empty(), Optional.of(all.get(4).id()), 2));

        assertThat(page.projects()).containsExactly(all.get(2), all.get(3));
        assertThat(page.totalCount()).isEqualTo(5);
    }

    @Test
    void pageBeforeNearTheStartReturnsWhatIsLeft() {
        List<Project> all = addProjects(5);

        assertThat(page(query(Optional.empty(), Optional.of(all.get(1).id()), 3)).projects()).containsExactly(all.get(0));
    }

    @Test
    void pageBeforeTheFirstProjectThenEmptyWithTheTotal() {
        List<Project> all = addProjects(3);

        ProjectPage page = page(query(Optional.empty(), Optional.of(all.get(0).id()), 10));

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isEqualTo(3);
    }

    @Test
    void pageAfterWalksEveryProjectOnceInOrder() {
        List<Project> all = addProjects(7);
        List<Project> walked = new ArrayList<>();
        Optional<ProjectId> after = Optional.empty();

        for (int pages = 0; pages < 10; pages++) {
            ProjectPage page = page(query(after, Optional.empty(), 3));
            if (page.projects().isEmpty()) {
                break;
            }
            assertThat(page.totalCount()).isEqualTo(7);
            walked.addAll(page.projects());
            after = Optional.of(page.projects().get(page.projects().size() - 1).id());
        }

        assertThat(walked).containsExactlyElementsOf(all);
    }

    @Test
    void pageBeforeWalksEveryProjectOnceBackwards() {
        List<Project> all = addProjects(7);
        List<Project> walked = new ArrayList<>();
        Optional<ProjectId> before = Optional.of(all.get(6).id());
        walked.add(all.get(6));

        for (int pages = 0; pages < 10; pages++) {
            ProjectPage page = page(query(Optional.empty(), before, 3));
            if (page.projects().isEmpty()) {
                break;
            }
            walked.addAll(0, page.projects());
            before = Optional.of(page.projects().get(0).id());
        }

        assertThat(walked).containsExactlyElementsOf(all);
    }

    @Test
    void pageOnlyReturnsTheListedProjectsAndCountsOnlyThem() {
        List<Project> all = addProjects(5);
        Set<ProjectId> only = Set.of(all.get(0).id(), all.get(2).id(), all.get(4).id());

        ProjectPage page = page(new ProjectQuery(workspace.id(), Optional.of(only), Optional.empty(), Optional.empty(), 2));

        assertThat(page.projects()).containsExactly(all.get(0), all.get(2));
        assertThat(page.totalCount()).isEqualTo(3);
    }

    @Test
    void pageOnlyWithCursorsStaysInsideTheList() {
        List<Project> all = addProjects(5);
        Set<ProjectId> only = Set.of(all.get(0).id(), all.get(2).id(), all.get(4).id());

        ProjectPage after = page(new ProjectQuery(workspace.id(), Optional.of(only), Optional.of(all.get(0).id()),
                Optional.empty(), 10));
        ProjectPage before = page(new ProjectQuery(workspace.id(), Optional.of(only), Optional.empty(),
                Optional.of(all.get(4).id()), 10));

        assertThat(after.projects()).containsExactly(all.get(2), all.get(4));
        assertThat(before.projects()).containsExactly(all.get(0), all.get(2));
        assertThat(after.totalCount()).isEqualTo(3);
    }

    @Test
    void pageOnlyIgnoresListedIdsOfOtherWorkspacesAndUnknownIds() {
        Workspace other = data.addWorkspace(stores);
        Project mine = add(project(workspace, T0));
        Project theirs = add(project(other, T0));
        Set<ProjectId> only = Set.of(mine.id(), theirs.id(), ProjectId.generate(data.random()));

        ProjectPage page = page(new ProjectQuery(workspace.id(), Optional.of(only), Optional.empty(), Optional.empty(), 10));

        assertThat(page.projects()).containsExactly(mine);
        assertThat(page.totalCount()).isEqualTo(1);
    }

    @Test
    void pageOnlyWhenEmptyListThenEmptyWithTotalZero() {
        addProjects(3);

        ProjectPage page = page(new ProjectQuery(workspace.id(), Optional.of(Set.of()), Optional.empty(), Optional.empty(), 10));

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isZero();
    }

    @Test
    void pageWhenCursorUnknownThenEmptyWithTheTotal() {
        addProjects(3);
        ProjectId unknown = ProjectId.generate(data.random());

        ProjectPage after = page(query(Optional.of(unknown), Optional.empty(), 10));
        ProjectPage before = page(query(Optional.empty(), Optional.of(unknown), 10));

        assertThat(after.projects()).isEmpty();
        assertThat(before.projects()).isEmpty();
        assertThat(after.totalCount()).isEqualTo(3);
        assertThat(before.totalCount()).isEqualTo(3);
    }

    @Test
    void pageWhenCursorIsAnotherWorkspacesProjectThenEmpty() {
        Workspace other = data.addWorkspace(stores);
        addProjects(3);
        Project theirs = add(project(other, T0.plusSeconds(1)));

        assertThat(page(query(Optional.of(theirs.id()), Optional.empty(), 10)).projects()).isEmpty();
        assertThat(page(query(Optional.empty(), Optional.of(theirs.id()), 10)).projects()).isEmpty();
    }

    @Test
    void pageWhenCursorIsOutsideTheOnlyListThenEmpty() {
        List<Project> all = addProjects(4);
        Set<ProjectId> only = Set.of(all.get(0).id(), all.get(3).id());

        ProjectPage page = page(new ProjectQuery(workspace.id(), Optional.of(only), Optional.of(all.get(1).id()),
                Optional.empty(), 10));

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isEqualTo(2);
    }

    @Test
    void pageWhenCursorProjectWasDeletedThenEmpty() {
        List<Project> all = addProjects(3);
        projects.delete(all.get(1).id());

        ProjectPage page = page(query(Optional.of(all.get(1).id()), Optional.empty(), 10));

        assertThat(page.projects()).isEmpty();
        assertThat(page.totalCount()).isEqualTo(2);
    }

    @Test
    void pageSeesAnUpdatedProjectInItsPlace() {
        List<Project> all = addProjects(3);
        Project renamed = new Project(all.get(1).id(), workspace.id(), "renamed", all.get(1).createdAt());
        projects.update(renamed);

        assertThat(page(query(Optional.empty(), Optional.empty(), 10)).projects())
                .containsExactly(all.get(0), renamed, all.get(2));
    }

    private ProjectPage page(ProjectQuery query) {
        return projects.page(query);
    }

    private ProjectQuery query(Optional<ProjectId> after, Optional<ProjectId> before, int limit) {
        return new ProjectQuery(workspace.id(), Optional.empty(), after, before, limit);
    }

    private Project project(Workspace in, Instant createdAt) {
        return new Project(ProjectId.generate(data.random()), in.id(), "Project", createdAt);
    }

    private Project add(Project project) {
        projects.add(project);
        return project;
    }

    /** {@code count} projects of the workspace, a second apart, in order. They are added newest first. */
    private List<Project> addProjects(int count) {
        List<Project> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(project(workspace, T0.plusSeconds(i)));
        }
        for (int i = count - 1; i >= 0; i--) {
            projects.add(made.get(i));
        }
        return made;
    }

    /** Fresh ids in increasing order: a random run of digits, then a fixed-width counter. */
    private List<ProjectId> sameTimeIds(int count) {
        String base = ProjectId.PREFIX + String.format("%018d", data.random().nextLong(1_000_000_000_000_000_000L));
        List<ProjectId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new ProjectId(base + String.format("%03d", i)));
        }
        return ids;
    }

    private OAuthClient addClient(ProjectAccess access) {
        OAuthClient registered = data.client(workspace.id());
        OAuthClient client = new OAuthClient(registered.id(), registered.workspaceId(), registered.clientId(),
                registered.secretHash(), registered.name(), registered.allowedScopes(), access, registered.createdAt(),
                registered.lastUsedAt(), registered.status());
        stores.clients().add(client);
        return client;
    }

    private ProjectAccess storedProjects(OAuthClient client) {
        return stores.clients().findById(client.id()).orElseThrow().projects();
    }
}
