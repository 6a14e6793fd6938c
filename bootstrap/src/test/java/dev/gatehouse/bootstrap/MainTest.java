package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: {@code serve} alone is built to run the server, with the same usage and errors as in the whole. */
class MainTest {

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(args);
        return exit + "\n" + out;
    }

    @Test
    void serveIsBuiltAloneWithTheUsageAndErrorsItHasAmongTheOtherCommands() {
        String[][] cases = {{"serve", "--help"}, {"serve", "--bogus"}, {"serve", "--port", "70000"}, {"serve", "extra"}};
        for (String[] args : cases) {
            assertThat(run(Main.commandLine(args), args)).as(String.join(" ", args)).isEqualTo(run(Main.commandLine(), args));
        }
        assertThat(Main.commandLine(new String[] {"serve"}).getSubcommands()).containsOnlyKeys("serve");
        assertThat(Main.commandLine(new String[] {"login"}).getSubcommands())
                .containsKeys("serve", "login", "logout", "whoami", "token", "clients", "keys", "projects", "sources");
    }

    @Test
    void withoutACommandTheUsageListsEveryCommand() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine(new String[0]).execute()).isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Usage: gatehouse [-hV] [COMMAND]", "  serve ", "  login ", "  keys ", "  sources ");
    }
}
