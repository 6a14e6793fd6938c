package dev.gatehouse.adapter.in.http.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.project.port.in.ProjectUseCases;
import dev.gatehouse.application.project.port.in.ProjectUseCases.ProjectFields;
import dev.gatehouse.application.project.port.out.ProjectRepository.ProjectPage;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/connect/projects}, in the Pipedream Connect shape. A single project is returned bare, as
 * {@code @pipedream/sdk} parses it; it also carries itself under {@code data} (an extra field, which the
 * shape allows) for clients that read every Gatehouse resource from {@code data}.
 */
public final class ProjectEndpoints {

    public static final String COLLECTION = "/v1/connect/projects";
    public static final String ITEM = "/v1/connect/projects/{project_id}";
    private static final int DEFAULT_LIMIT = 20;

    private final ProjectUseCases.ListProjectsUseCase list;
    private final ProjectUseCases.CreateProjectUseCase create;
    private final ProjectUseCases.GetProjectUseCase get;
    private final ProjectUseCases.UpdateProjectUseCase update;
    private final ProjectUseCases.DeleteProjectUseCase delete;

    public ProjectEndpoints(ProjectUseCases.ListProjectsUseCase list, ProjectUseCases.CreateProjectUseCase create,
                            ProjectUseCases.GetProjectUseCase get, ProjectUseCases.UpdateProjectUseCase update,
                            ProjectUseCases.DeleteProjectUseCase delete) {
        this.list = list;
        this.create = create;
        this.get = get;
        this.update = update;
        this.delete = delete;
    }

    public void list(Context ctx, Principal caller) {
        int limit = DEFAULT_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit must be a number from 1 to 100");
            }
        }
        ProjectPage page = list.list(client(caller), Optional.ofNullable(ctx.queryParam("after")),
                Optional.ofNullable(ctx.queryParam("before")), limit);
        List<Map<String, Object>> data = page.projects().stream().map(ProjectEndpoints::render).toList();
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("total_count", page.totalCount());
        pageInfo.put("count", data.size());
        pageInfo.put("start_cursor", page.projects().isEmpty() ? null : page.projects().get(0).id().value());
        pageInfo.put("end_cursor", page.projects().isEmpty() ? null : page.projects().get(data.size() - 1).id().value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("page_info", pageInfo);
        Json.respond(ctx, 200, body);
    }

    public void create(Context ctx, Principal caller) {
        Json.respond(ctx, 201, bare(create.create(client(caller), fields(Json.readObject(ctx)), ctx.ip())));
    }

    public void get(Context ctx, Principal caller) {
        Json.respond(ctx, 200, bare(get.get(client(caller), projectId(ctx))));
    }

    public void update(Context ctx, Principal caller) {
        Json.respond(ctx, 200, bare(update.update(client(caller), projectId(ctx), fields(Json.readObject(ctx)), ctx.ip())));
    }

    public void delete(Context ctx, Principal caller) {
        delete.delete(client(caller), projectId(ctx), ctx.ip());
        ctx.status(204);
    }

    private static Principal.WorkspaceClient client(Principal caller) {
        if (caller instanceof Principal.WorkspaceClient client) {
            return client;
        }
        throw new IllegalStateException("the route admitted a credential that is not an OAuth token");
    }

    private static ProjectFields fields(ObjectNode body) {
        return new ProjectFields(text(body, "name"), text(body, "app_name"), text(body, "support_email"),
                bool(body, "connect_require_key_auth_test"));
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return Optional.of(node.asText());
    }

    private static Optional<Boolean> bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return Optional.of(node.asBoolean());
    }

    private static ProjectId projectId(Context ctx) {
        String id = ctx.pathParam("project_id");
        if (!ProjectId.isValid(id)) {
            throw ApiException.notFound("project not found");
        }
        return new ProjectId(id);
    }

    private static Map<String, Object> bare(Project project) {
        Map<String, Object> body = render(project);
        body.put("data", render(project));
        return body;
    }

    private static Map<String, Object> render(Project project) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", project.id().value());
        out.put("name", project.name());
        out.put("app_name", project.appName().orElse(null));
        out.put("support_email", project.supportEmail().orElse(null));
        out.put("connect_require_key_auth_test", project.connectRequireKeyAuthTest());
        out.put("created_at", Json.timestamp(project.createdAt()));
        return out;
    }
}
