package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code gatehouse keys revoke}: replaces the caller's API key and stores the new one. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage your API key, and rotate the token signing key (rotate-signing).",
        subcommands = {KeysCommand.Revoke.class})
public final class KeysCommand {

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke your API key; prints the new one once and stores it.")
    public static final class Revoke extends CliCommand {
        @Override
        protected int execute() {
            JsonNode data = keyApi().post("/v1/users/me/api_key/revoke", null).path("data");
            String key = data.path("api_key").asText();
            if (key.isEmpty()) {
                throw new CliException("the server answered no new API key");
            }
            CliConfig config = config();
            config.set(profile(), "api_key", key);
            if (common.baseUrl != null && !common.baseUrl.isBlank()) {
                config.set(profile(), "base_url", common.baseUrl);
            }
            config.save();
            if (common.json) {
                printJson(data);
            } else {
                println(key);
                err().println("The new API key is shown only this once; it is stored in " + config.file() + ".");
                err().flush();
            }
            return 0;
        }
    }
}
