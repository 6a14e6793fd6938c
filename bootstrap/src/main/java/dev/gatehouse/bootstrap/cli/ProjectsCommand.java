package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse projects list|create}: Connect projects, with an OAuth token (contract §7). */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "Connect projects (needs an OAuth client).",
        subcommands = {ProjectsCommand.ListProjects.class, ProjectsCommand.Create.class})
public final class ProjectsCommand {

    abstract static class OAuthCommand extends CliCommand {
        @Option(names = "--client-id", paramLabel = "ID", description = "Client id (env GATEHOUSE_CLIENT_ID).")
        String clientId;

        @Option(names = "--client-secret", paramLabel = "SECRET", description = "Client secret (env GATEHOUSE_CLIENT_SECRET).")
        String clientSecret;

        Api oauthApi() {
            return new Api(baseUrl(), oauthToken(clientId, clientSecret));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the projects the client may see.")
    public static final class ListProjects extends OAuthCommand {
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default 100).")
        int limit;

        @Override
        protected int execute() {
            JsonNode body = oauthApi().get("/v1/connect/projects?limit=" + limit);
            if (common.json) {
                printJson(body);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            body.path("data").forEach(p -> rows.add(List.of(text(p, "id"), text(p, "name"), text(p, "app_name"), text(p, "created_at"))));
            table(List.of("ID", "NAME", "APP_NAME", "CREATED_AT"), rows);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a project.")
    public static final class Create extends OAuthCommand {
        @Option(names = "--name", required = true, description = "Project name.")
        String name;

        @Option(names = "--app-name", description = "App name.")
        String appName;

        @Option(names = "--support-email", description = "Support email.")
        String supportEmail;

        @Override
        protected int execute() {
            ObjectNode body = Api.JSON.createObjectNode().put("name", name);
            if (appName != null) {
                body.put("app_name", appName);
            }
            if (supportEmail != null) {
                body.put("support_email", supportEmail);
            }
            JsonNode project = oauthApi().post("/v1/connect/projects", body);
            if (common.json) {
                printJson(project);
            } else {
                fields(project, "id", "name", "app_name", "support_email", "created_at");
            }
            return 0;
        }
    }
}
