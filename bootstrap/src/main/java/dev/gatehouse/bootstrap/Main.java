package dev.gatehouse.bootstrap;

import dev.gatehouse.bootstrap.cli.ClientsCommand;
import dev.gatehouse.bootstrap.cli.KeysCommand;
import dev.gatehouse.bootstrap.cli.LoginCommand;
import dev.gatehouse.bootstrap.cli.LogoutCommand;
import dev.gatehouse.bootstrap.cli.ProjectsCommand;
import dev.gatehouse.bootstrap.cli.SourcesCommand;
import dev.gatehouse.bootstrap.cli.TokenCommand;
import dev.gatehouse.bootstrap.cli.WhoamiCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gatehouse} command line: {@code serve} runs the server. Its subcommands are added in
 * {@link #commandLine()} rather than listed in the annotation, so that {@code gatehouse serve} builds the model
 * of {@code serve} alone: reading the options of every client command by reflection is part of the server's
 * start-up otherwise.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "Gatehouse: OAuth clients, scoped JWT access tokens and API keys for a workspace API.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        if (isServe(args)) {
            StartupWarmUp.begin();
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The command line with Gatehouse's exit codes: 0 success, 1 an error, 2 a usage error. */
    public static CommandLine commandLine() {
        CommandLine cli = withExitCodes(new CommandLine(new Main()));
        List.of(ServeCommand.class, LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, TokenCommand.class,
                ClientsCommand.class, KeysCommand.class, ProjectsCommand.class, SourcesCommand.class).forEach(cli::addSubcommand);
        // Registered here, not in KeysCommand, which lives in the cli package and works over HTTP only.
        cli.getSubcommands().get("keys").addSubcommand("rotate-signing", new RotateSigningKeyCommand());
        return cli;
    }

    /**
     * The command line to run {@code args} with: for {@code serve}, the one subcommand it runs (its usage, errors
     * and exit codes are those of {@link #commandLine()}); for anything else, every command.
     */
    static CommandLine commandLine(String[] args) {
        if (isServe(args)) {
            CommandLine cli = withExitCodes(new CommandLine(new Main()));
            cli.addSubcommand(ServeCommand.class);
            return cli;
        }
        return commandLine();
    }

    private static boolean isServe(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }

    private static CommandLine withExitCodes(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("gatehouse: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return cli;
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
