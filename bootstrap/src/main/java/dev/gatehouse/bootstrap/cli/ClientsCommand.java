package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse clients list|create|show|rotate|delete}: a workspace's OAuth clients (contract §6). */
@Command(name = "clients", mixinStandardHelpOptions = true, description = "Manage a workspace's OAuth clients.",
        subcommands = {ClientsCommand.ListClients.class, ClientsCommand.Create.class, ClientsCommand.Show.class,
                ClientsCommand.Rotate.class, ClientsCommand.Delete.class})
public final class ClientsCommand {

    static final String[] FIELDS = {"id", "client_id", "client_secret", "name", "scopes", "projects", "created_at", "last_used_at"};

    abstract static class WorkspaceCommand extends CliCommand {
        @Option(names = "--org", paramLabel = "ORG_ID", description = "Workspace id; default the user's only workspace.")
        String org;

        String path(Api api) {
            return "/v1/workspaces/" + workspace(api, org) + "/oauth_clients";
        }

        void printClient(JsonNode data, boolean secret) {
            if (common.json) {
                printJson(data);
                return;
            }
            fields(data, FIELDS);
            if (secret) {
                err().println("The client secret is shown only this once; store it now.");
                err().flush();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the workspace's clients.")
    public static final class ListClients extends WorkspaceCommand {
        @Override
        protected int execute() {
            Api api = keyApi();
            JsonNode data = api.get(path(api)).path("data");
            if (common.json) {
                printJson(data);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            data.forEach(c -> rows.add(List.of(text(c, "id"), text(c, "client_id"), text(c, "name"), text(c, "scopes"),
                    text(c, "last_used_at"))));
            table(List.of("ID", "CLIENT_ID", "NAME", "SCOPES", "LAST_USED_AT"), rows);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a client; prints its secret once.")
    public static final class Create extends WorkspaceCommand {
        @Option(names = "--name", required = true, description = "Client name.")
        String name;

        @Option(names = "--scopes", paramLabel = "\"A B\"", description = "Space-separated scopes; default *.")
        String scopes;

        @Option(names = "--projects", paramLabel = "P1,P2", description = "Comma-separated project ids; default all projects.")
        String projects;

        @Override
        protected int execute() {
            Api api = keyApi();
            ObjectNode body = Api.JSON.createObjectNode().put("name", name);
            if (scopes != null) {
                ArrayNode list = body.putArray("scopes");
                for (String s : scopes.trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        list.add(s);
                    }
                }
            }
            if (projects != null) {
                ArrayNode list = body.putArray("projects");
                for (String p : projects.split(",")) {
                    if (!p.isBlank()) {
                        list.add(p.trim());
                    }
                }
            }
            printClient(api.post(path(api), body).path("data"), true);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one client.")
    public static final class Show extends WorkspaceCommand {
        @Parameters(paramLabel = "ID", description = "The client's record id (oc_…).")
        String id;

        @Override
        protected int execute() {
            Api api = keyApi();
            printClient(api.get(path(api) + "/" + id).path("data"), false);
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Rotate a client's secret; prints the new one once.")
    public static final class Rotate extends WorkspaceCommand {
        @Parameters(paramLabel = "ID", description = "The client's record id (oc_…).")
        String id;

        @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "0", description = "Seconds the old secret keeps working (default 0).")
        long grace;

        @Option(names = "--revoke-tokens", description = "Also revoke the tokens already issued.")
        boolean revokeTokens;

        @Override
        protected int execute() {
            if (grace < 0) {
                throw usage("--grace must be 0 or more seconds");
            }
            Api api = keyApi();
            ObjectNode body = Api.JSON.createObjectNode().put("grace_period_seconds", grace);
            if (revokeTokens) {
                body.put("revoke_tokens", true);
            }
            printClient(api.post(path(api) + "/" + id + "/rotate_secret", body).path("data"), true);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a client; its live tokens stop working.")
    public static final class Delete extends WorkspaceCommand {
        @Parameters(paramLabel = "ID", description = "The client's record id (oc_…).")
        String id;

        @Override
        protected int execute() {
            Api api = keyApi();
            api.delete(path(api) + "/" + id);
            if (common.json) {
                printJson(Api.JSON.createObjectNode().put("id", id).put("deleted", true));
            } else {
                println("Deleted " + id);
            }
            return 0;
        }
    }
}
