package dev.gatehouse.application.testing;

import dev.gatehouse.application.project.port.out.ProjectRepository;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Projects in memory, paged in the order {@code (createdAt, id)} as the database pages them. Deleting a project
 * also removes it from the restrictions of the clients of its workspace in the client fake it is given, holding
 * both locks (projects first, then clients) so that the two happen together.
 */
public final class InMemoryProjectRepository implements ProjectRepository {

    private static final Comparator<Project> ORDER =
            Comparator.comparing(Project::createdAt).thenComparing(p -> p.id().value());

    private final Map<ProjectId, Project> byId = new HashMap<>();
    private final InMemoryOAuthClientRepository clients;

    public InMemoryProjectRepository(InMemoryOAuthClientRepository clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public synchronized void add(Project project) {
        Objects.requireNonNull(project, "project");
        if (byId.containsKey(project.id())) {
            throw new IllegalStateException("duplicate project id " + project.id());
        }
        byId.put(project.id(), project);
    }

    @Override
    public synchronized Optional<Project> findById(ProjectId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Replaces the name and the optional fields; the workspace and creation time stay as stored. */
    @Override
    public synchronized boolean update(Project project) {
        Objects.requireNonNull(project, "project");
        Project stored = byId.get(project.id());
        if (stored == null) {
            return false;
        }
        byId.put(stored.id(), new Project(stored.id(), stored.workspaceId(), project.name(), project.appName(),
                project.supportEmail(), project.connectRequireKeyAuthTest(), stored.createdAt()));
        return true;
    }

    @Override
    public boolean delete(ProjectId id) {
        Objects.requireNonNull(id, "id");
        synchronized (this) {
            synchronized (clients) {
                Project removed = byId.remove(id);
                if (removed == null) {
                    return false;
                }
                clients.removeProject(removed.workspaceId(), id);
                return true;
            }
        }
    }

    @Override
    public synchronized ProjectPage page(ProjectQuery query) {
        Objects.requireNonNull(query, "query");
        List<Project> selection = byId.values().stream()
                .filter(p -> p.workspaceId().equals(query.workspace()))
                .filter(p -> query.only().map(only -> only.contains(p.id())).orElse(true))
                .sorted(ORDER)
                .toList();
        Optional<ProjectId> cursor = query.after().or(query::before);
        if (cursor.isEmpty()) {
            return new ProjectPage(selection.subList(0, Math.min(query.limit(), selection.size())), selection.size());
        }
        int at = indexOf(selection, cursor.get());
        if (at < 0) {
            return new ProjectPage(List.of(), selection.size());
        }
        List<Project> page;
        if (query.after().isPresent()) {
            page = selection.subList(at + 1, Math.min(at + 1 + query.limit(), selection.size()));
        } else {
            page = selection.subList(Math.max(0, at - query.limit()), at);
        }
        return new ProjectPage(new ArrayList<>(page), selection.size());
    }

    private static int indexOf(List<Project> selection, ProjectId id) {
        for (int i = 0; i < selection.size(); i++) {
            if (selection.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
