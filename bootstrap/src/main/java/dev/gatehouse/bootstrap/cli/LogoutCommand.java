package dev.gatehouse.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code gatehouse logout}: removes the profile's API key from the config. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Remove the profile's API key from the config.")
public final class LogoutCommand extends CliCommand {

    @Override
    protected int execute() {
        CliConfig config = config();
        boolean removed = config.remove(profile(), "api_key");
        if (removed) {
            config.save();
        }
        if (common.json) {
            printJson(Api.JSON.createObjectNode().put("profile", profile()).put("logged_out", removed));
        } else {
            println(removed ? "Logged out (profile " + profile() + ")" : "Not logged in (profile " + profile() + ")");
        }
        return 0;
    }
}
