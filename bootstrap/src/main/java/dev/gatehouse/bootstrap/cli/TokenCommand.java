package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse token}: a client_credentials access token, printed alone. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Get an OAuth access token (client credentials) and print it alone.")
public final class TokenCommand extends CliCommand {

    @Option(names = "--client-id", paramLabel = "ID", description = "Client id (env GATEHOUSE_CLIENT_ID).")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "Client secret (env GATEHOUSE_CLIENT_SECRET).")
    String clientSecret;

    @Override
    protected int execute() {
        JsonNode token = fetchToken(clientId, clientSecret);
        if (common.json) {
            printJson(token);
        } else {
            println(token.path("access_token").asText());
        }
        return 0;
    }
}
