package dev.gatehouse.application.project.port.in;

import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectPage;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.Objects;
import java.util.Optional;

/** Pipedream Connect projects, for OAuth clients; a restricted client sees and acts on its projects only (contract §7). */
public final class ProjectUseCases {

    private ProjectUseCases() {}

    public interface ListProjectsUseCase {
        ProjectPage list(Principal.WorkspaceClient caller, Optional<String> after, Optional<String> before, int limit);
    }

    public interface CreateProjectUseCase {
        /** Creates a project; {@code sourceIp} is where the request came from, for the audit log. */
        Project create(Principal.WorkspaceClient caller, ProjectFields fields, String sourceIp);

        default Project create(Principal.WorkspaceClient caller, ProjectFields fields) {
            return create(caller, fields, "unknown");
        }
    }

    public interface GetProjectUseCase {
        Project get(Principal.WorkspaceClient caller, ProjectId id);
    }

    public interface UpdateProjectUseCase {
        Project update(Principal.WorkspaceClient caller, ProjectId id, ProjectFields fields, String sourceIp);

        default Project update(Principal.WorkspaceClient caller, ProjectId id, ProjectFields fields) {
            return update(caller, id, fields, "unknown");
        }
    }

    public interface DeleteProjectUseCase {
        void delete(Principal.WorkspaceClient caller, ProjectId id, String sourceIp);

        default void delete(Principal.WorkspaceClient caller, ProjectId id) {
            delete(caller, id, "unknown");
        }
    }

    /** The settable fields of a project; absent ones are left as they are (or empty on creation). */
    public record ProjectFields(Optional<String> name, Optional<String> appName, Optional<String> supportEmail,
                                Optional<Boolean> connectRequireKeyAuthTest) {
        public ProjectFields {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(appName, "appName");
            Objects.requireNonNull(supportEmail, "supportEmail");
            Objects.requireNonNull(connectRequireKeyAuthTest, "connectRequireKeyAuthTest");
        }
    }
}
