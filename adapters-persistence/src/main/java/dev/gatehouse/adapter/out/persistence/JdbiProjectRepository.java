package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.project.port.out.ProjectRepository;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Projects in the {@code projects} table, paged by {@code (created_at, id)} with a project id as the cursor.
 *
 * <p>A client's project restriction is a space-joined list in {@code oauth_clients.projects}, with no foreign
 * key to this table. Deleting a project therefore also rewrites, in the same transaction, the list of each
 * client of its workspace that names it: the rows are read {@code FOR UPDATE}, so that no other change to
 * their lists slips in between the read and the write.
 */
public final class JdbiProjectRepository implements ProjectRepository {

    private static final ProjectMapper PROJECT = new ProjectMapper();
    private static final String SELECT_PROJECTS = """
            SELECT id, workspace_id, name, app_name, support_email, connect_require_key_auth_test, created_at
              FROM projects
            """;

    private final Jdbi jdbi;

    public JdbiProjectRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(Project project) {
        Objects.requireNonNull(project, "project");
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO projects (id, workspace_id, name, app_name, support_email,
                                              connect_require_key_auth_test, created_at)
                        VALUES (:id, :workspaceId, :name, :appName, :supportEmail,
                                :connectRequireKeyAuthTest, :createdAt)
                        """)
                .bind("id", project.id().value())
                .bind("workspaceId", project.workspaceId().value())
                .bind("name", project.name())
                .bind("appName", project.appName().orElse(null))
                .bind("supportEmail", project.supportEmail().orElse(null))
                .bind("connectRequireKeyAuthTest", project.connectRequireKeyAuthTest())
                .bind("createdAt", Sql.millis(project.createdAt()))
                .execute());
    }

    @Override
    public Optional<Project> findById(ProjectId id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_PROJECTS + """
                         WHERE id = :id
                        """)
                .bind("id", id.value())
                .map(PROJECT)
                .findOne());
    }

    /** Replaces the name and the optional fields; the workspace and creation time never change. */
    @Override
    public boolean update(Project project) {
        Objects.requireNonNull(project, "project");
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE projects
                           SET name = :name,
                               app_name = :appName,
                               support_email = :supportEmail,
                               connect_require_key_auth_test = :connectRequireKeyAuthTest
                         WHERE id = :id
                        """)
                .bind("name", project.name())
                .bind("appName", project.appName().orElse(null))
                .bind("supportEmail", project.supportEmail().orElse(null))
                .bind("connectRequireKeyAuthTest", project.connectRequireKeyAuthTest())
                .bind("id", project.id().value())
                .execute()) == 1;
    }

    /**
     * Deletes the project and removes its id from the restriction of every client of its workspace, deleted
     * clients included; a client restricted to it alone stays restricted, to no project. The clients' version
     * and change time stay as they are.
     */
    @Override
    public boolean delete(ProjectId id) {
        Objects.requireNonNull(id, "id");
        return jdbi.inTransaction(handle -> {
            Optional<String> workspace = handle.createQuery("SELECT workspace_id FROM projects WHERE id = :id")
                    .bind("id", id.value())
                    .mapTo(String.class)
                    .findOne();
            if (workspace.isEmpty()) {
                return false;
            }
            int deleted = handle.createUpdate("DELETE FROM projects WHERE id = :id")
                    .bind("id", id.value())
                    .execute();
            if (deleted == 0) {
                return false; // deleted by another transaction meanwhile
            }
            removeFromClientRestrictions(handle, workspace.get(), id);
            return true;
        });
    }

    /**
     * The rows whose list may name the project are found with {@code LIKE} (a superset: {@code _} in the id
     * matches any character), and each list is then rewritten exactly, keeping the order of the other ids.
     */
    private static void removeFromClientRestrictions(Handle handle, String workspace, ProjectId project) {
        List<RestrictedClient> candidates = handle.createQuery("""
                        SELECT id, projects
                          FROM oauth_clients
                         WHERE workspace_id = :workspaceId AND projects LIKE :pattern
                         FOR UPDATE
                        """)
                .bind("workspaceId", workspace)
                .bind("pattern", "%" + project.value() + "%")
                .map((rs, ctx) -> new RestrictedClient(rs.getString("id"), rs.getString("projects")))
                .list();
        for (RestrictedClient client : candidates) {
            Set<ProjectId> ids = OAuthClientMapper.projects(client.projects()).restrictedTo().orElseThrow();
            if (!ids.contains(project)) {
                continue;
            }
            List<ProjectId> remaining = ids.stream().filter(other -> !other.equals(project)).toList();
            handle.createUpdate("UPDATE oauth_clients SET projects = :projects WHERE id = :id")
                    .bind("projects", OAuthClientMapper.projectsColumn(ProjectAccess.only(remaining)))
                    .bind("id", client.id())
                    .execute();
        }
    }

    private record RestrictedClient(String id, String projects) {}

    /**
     * Counts the whole selection, then reads the page: the first {@code limit} projects, those after the
     * cursor, or the {@code limit} projects just before it (read newest first, then put back in order).
     */
    @Override
    public ProjectPage page(ProjectQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.only().map(Set::isEmpty).orElse(false)) {
            return new ProjectPage(List.of(), 0);
        }
        Selection selection = new Selection(query);
        return jdbi.withHandle(handle -> {
            long total = selection.bind(handle.createQuery("SELECT COUNT(*) FROM projects WHERE " + selection.where()))
                    .mapTo(Long.class)
                    .one();
            Optional<ProjectId> cursor = query.after().or(query::before);
            if (cursor.isEmpty()) {
                return new ProjectPage(selection.bind(handle.createQuery(SELECT_PROJECTS + " WHERE " + selection.where()
                                + " ORDER BY created_at, id FETCH FIRST :limit ROWS ONLY"))
                        .bind("limit", query.limit())
                        .map(PROJECT)
                        .list(), total);
            }
            Optional<Long> cursorCreatedAt = selection.bind(handle.createQuery(
                            "SELECT created_at FROM projects WHERE " + selection.where() + " AND id = :cursorId"))
                    .bind("cursorId", cursor.get().value())
                    .mapTo(Long.class)
                    .findOne();
            if (cursorCreatedAt.isEmpty()) {
                return new ProjectPage(List.of(), total);
            }
            boolean after = query.after().isPresent();
            String sql = SELECT_PROJECTS + " WHERE " + selection.where() + (after
                    ? """
                       AND (created_at > :cursorAt OR (created_at = :cursorAt AND id > :cursorId))
                     ORDER BY created_at, id
                     FETCH FIRST :limit ROWS ONLY
                    """
                    : """
                       AND (created_at < :cursorAt OR (created_at = :cursorAt AND id < :cursorId))
                     ORDER BY created_at DESC, id DESC
                     FETCH FIRST :limit ROWS ONLY
                    """);
            List<Project> projects = new ArrayList<>(selection.bind(handle.createQuery(sql))
                    .bind("cursorAt", cursorCreatedAt.get())
                    .bind("cursorId", cursor.get().value())
                    .bind("limit", query.limit())
                    .map(PROJECT)
                    .list());
            if (!after) {
                Collections.reverse(projects);
            }
            return new ProjectPage(projects, total);
        });
    }

    /** The projects a query selects, before any cursor: those of its workspace, maybe only some of them. */
    private record Selection(ProjectQuery query) {

        String where() {
            return query.only().isPresent()
                    ? "workspace_id = :workspaceId AND id IN (<only>)"
                    : "workspace_id = :workspaceId";
        }

        Query bind(Query statement) {
            statement.bind("workspaceId", query.workspace().value());
            query.only().ifPresent(ids -> statement.bindList("only", ids.stream().map(ProjectId::value).toList()));
            return statement;
        }
    }
}
