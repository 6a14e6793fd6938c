package dev.gatehouse.bootstrap;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command line: {@code serve} runs the server. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "Gatehouse: OAuth clients, scoped JWT access tokens and API keys for a workspace API.",
        subcommands = {ServeCommand.class, dev.gatehouse.bootstrap.cli.LoginCommand.class,
                dev.gatehouse.bootstrap.cli.LogoutCommand.class, dev.gatehouse.bootstrap.cli.WhoamiCommand.class,
                dev.gatehouse.bootstrap.cli.TokenCommand.class, dev.gatehouse.bootstrap.cli.ClientsCommand.class,
                dev.gatehouse.bootstrap.cli.KeysCommand.class, dev.gatehouse.bootstrap.cli.ProjectsCommand.class,
                dev.gatehouse.bootstrap.cli.SourcesCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Gatehouse's exit codes: 0 success, 1 an error, 2 a usage error. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Registered here, not in KeysCommand, which lives in the cli package and works over HTTP only.
        cli.getSubcommands().get("keys").addSubcommand("rotate-signing", new RotateSigningKeyCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("gatehouse: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
