package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse login}: checks an API key with /v1/users/me and stores it in the config. */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Store an API key for a server (checked with /v1/users/me).")
public final class LoginCommand extends CliCommand {

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key; read from stdin or a prompt when absent.")
    String apiKey;

    @Override
    protected int execute() throws Exception {
        if (common.baseUrl == null || common.baseUrl.isBlank()) {
            throw usage("Missing required option: '--base-url=URL'");
        }
        String key = apiKey;
        if (key == null) {
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("API key: ");
                key = typed == null ? null : new String(typed);
            } else {
                key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        }
        if (key == null || key.isBlank()) {
            throw usage("no API key given (pass --api-key or type it on stdin)");
        }
        key = key.trim();
        String base = common.baseUrl.trim();
        JsonNode me = new Api(base, key).get("/v1/users/me");
        CliConfig config = config();
        config.set(profile(), "base_url", base);
        config.set(profile(), "api_key", key);
        config.save();
        if (common.json) {
            printJson(me.path("data"));
        } else {
            JsonNode data = me.path("data");
            println("Logged in as " + text(data, "username") + " (" + text(data, "email") + ")");
        }
        return 0;
    }
}
