package dev.gatehouse.bootstrap.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {

    @Option(names = "--json", description = "Print the server's JSON.")
    boolean json;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "${env:GATEHOUSE_PROFILE:-default}",
            description = "Config profile (env GATEHOUSE_PROFILE, default 'default').")
    String profile;

    @Option(names = "--base-url", paramLabel = "URL", description = "Server base URL; default the profile's base_url.")
    String baseUrl;
}
