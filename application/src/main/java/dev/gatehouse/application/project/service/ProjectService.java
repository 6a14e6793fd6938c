package dev.gatehouse.application.project.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.project.port.in.ProjectUseCases;
import dev.gatehouse.application.project.port.in.ProjectUseCases.ProjectFields;
import dev.gatehouse.application.project.port.out.ProjectRepository;
import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectPage;
import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectQuery;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Projects of the caller's workspace. A client restricted to projects sees only those: every other project
 * is "not found", and a project it creates does not join its list, so it can never widen its own reach.
 */
public final class ProjectService implements ProjectUseCases.ListProjectsUseCase, ProjectUseCases.CreateProjectUseCase,
        ProjectUseCases.GetProjectUseCase, ProjectUseCases.UpdateProjectUseCase, ProjectUseCases.DeleteProjectUseCase {

    public static final int MAX_LIMIT = 100;

    private final ProjectRepository projects;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;

    public ProjectService(ProjectRepository projects, AuditLog audit, Clock clock, RandomGenerator random) {
        this.projects = projects;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public ProjectPage list(Principal.WorkspaceClient caller, Optional<String> after, Optional<String> before, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after.isPresent() && before.isPresent()) {
            throw new InvalidInputException("give after or before, not both");
        }
        Optional<Set<ProjectId>> only = caller.projects().restrictedTo().map(Set::copyOf);
        return projects.page(new ProjectQuery(caller.workspaceId(), only, after.map(ProjectService::cursor),
                before.map(ProjectService::cursor), limit));
    }

    @Override
    public Project create(Principal.WorkspaceClient caller, ProjectFields fields, String sourceIp) {
        String name = fields.name().filter(n -> !n.isBlank())
                .orElseThrow(() -> new InvalidInputException("name is required"));
        Project project = valid(() -> new Project(ProjectId.generate(random), caller.workspaceId(), name, fields.appName(),
                fields.supportEmail(), fields.connectRequireKeyAuthTest().orElse(false), now()));
        projects.add(project);
        record(caller, sourceIp, "created", project.id());
        return project;
    }

    @Override
    public Project get(Principal.WorkspaceClient caller, ProjectId id) {
        return visible(caller, id);
    }

    @Override
    public Project update(Principal.WorkspaceClient caller, ProjectId id, ProjectFields fields, String sourceIp) {
        Project current = visible(caller, id);
        Project next = valid(() -> new Project(current.id(), current.workspaceId(), fields.name().orElse(current.name()),
                fields.appName().or(current::appName), fields.supportEmail().or(current::supportEmail),
                fields.connectRequireKeyAuthTest().orElse(current.connectRequireKeyAuthTest()), current.createdAt()));
        if (!projects.update(next)) {
            throw notFound(id);
        }
        record(caller, sourceIp, "updated", id);
        return next;
    }

    @Override
    public void delete(Principal.WorkspaceClient caller, ProjectId id, String sourceIp) {
        visible(caller, id);
        if (!projects.delete(id)) {
            throw notFound(id);
        }
        record(caller, sourceIp, "deleted", id);
    }

    private Project visible(Principal.WorkspaceClient caller, ProjectId id) {
        return projects.findById(id)
                .filter(p -> p.workspaceId().equals(caller.workspaceId()))
                .filter(p -> caller.projects().permits(p.id()))
                .orElseThrow(() -> notFound(id));
    }

    private static Project valid(java.util.function.Supplier<Project> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static ProjectId cursor(String value) {
        if (!ProjectId.isValid(value)) {
            throw new InvalidInputException("a cursor is a project id, as given in page_info");
        }
        return new ProjectId(value);
    }

    private void record(Principal.WorkspaceClient caller, String sourceIp, String action, ProjectId id) {
        audit.record(new AuditEvent.ProjectChanged(caller.workspaceId(), caller.clientId(), sourceIp, action, id.value(), now()));
    }

    private static NotFoundException notFound(ProjectId id) {
        return new NotFoundException("project " + id + " not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
