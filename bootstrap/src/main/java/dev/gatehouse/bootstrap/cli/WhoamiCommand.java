package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code gatehouse whoami}: the user of the stored API key and their workspaces. */
@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show the logged-in user and their workspaces.")
public final class WhoamiCommand extends CliCommand {

    @Override
    protected int execute() {
        JsonNode data = keyApi().get("/v1/users/me").path("data");
        if (common.json) {
            printJson(data);
            return 0;
        }
        println(text(data, "username") + " (" + text(data, "email") + ")");
        List<List<String>> rows = new ArrayList<>();
        data.path("orgs").forEach(o -> rows.add(List.of(text(o, "id"), text(o, "orgname"), text(o, "name"))));
        if (!rows.isEmpty()) {
            println("");
            table(List.of("WORKSPACE", "ORGNAME", "NAME"), rows);
        }
        return 0;
    }
}
