package dev.gatehouse.application.project.port.out;

import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Stores projects. Pages are ordered by creation time, then id. */
public interface ProjectRepository {

    void add(Project project);

    Optional<Project> findById(ProjectId id);

    /** Replaces the stored project's name and optional fields; false when there is no such project. */
    boolean update(Project project);

    /**
     * In one transaction, deletes the project and removes it from every client's project restriction (a client
     * restricted to it alone stays restricted, to nothing). False when there was no such project.
     */
    boolean delete(ProjectId id);

    /** One page of the workspace's projects, optionally only those in {@code only}. */
    ProjectPage page(ProjectQuery query);

    /**
     * Which page: at most {@code limit} projects, after the project {@code after} or before the project
     * {@code before} (a cursor naming a project outside the selection yields an empty page).
     */
    record ProjectQuery(WorkspaceId workspace, Optional<Set<ProjectId>> only, Optional<ProjectId> after,
                        Optional<ProjectId> before, int limit) {
        public ProjectQuery {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(only, "only");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(before, "before");
            only = only.map(Set::copyOf);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
            if (after.isPresent() && before.isPresent()) {
                throw new IllegalArgumentException("after and before exclude each other");
            }
        }
    }

    /** A page of projects, in order, and how many projects the whole selection holds. */
    record ProjectPage(List<Project> projects, long totalCount) {
        public ProjectPage {
            projects = List.copyOf(projects);
        }
    }
}
