package dev.gatehouse.bootstrap;

import picocli.CommandLine;

/** The server settings that {@code gatehouse serve} makes of its flags, for tests that start a server from a command. */
public final class ServeFlags {

    private ServeFlags() {
    }

    /** Parses {@code args} (the words after {@code serve}) as the serve command does, with its checks. */
    public static ServerConfig parse(String... args) {
        ServeCommand command = new ServeCommand();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(args);
        return command.config();
    }
}
