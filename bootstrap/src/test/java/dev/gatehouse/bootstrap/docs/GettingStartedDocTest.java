package dev.gatehouse.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs as tests: runs every {@code sh} block of docs/getting-started.md, in order, in one bash with
 * {@code set -euo pipefail}, against a real server, as a reader following the page would. The block marked
 * {@code <!-- docs-test: server -->} is not run: the test starts that server itself from the block's flags,
 * on a free port instead of the page's and in a temporary folder instead of the page's. Blocks marked
 * {@code <!-- docs-test: skip -->} are not run. Any failing command fails the test.
 */
class GettingStartedDocTest {

    private static final Path PAGE = Path.of("..", "docs", "getting-started.md");
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- docs-test: (\\w+)[^>]*-->\\s*\\n)?```(\\S*)\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern DEMO_DIR = Pattern.compile("/tmp/gatehouse-start");
    private static final Pattern PORT = Pattern.compile("--port (\\d+)");

    @TempDir
    Path dir;

    record Block(String marker, String language, String text) {}

    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
        return blocks;
    }

    @Test
    void everyShellBlockRunsAgainstARealServer() throws Exception {
        List<Block> blocks = blocks(Files.readString(PAGE)).stream().filter(b -> b.language().equals("sh")).toList();
        List<Block> servers = blocks.stream().filter(b -> "server".equals(b.marker())).toList();
        assertThat(servers).as("one block marked docs-test: server").hasSize(1);
        String serve = servers.get(0).text();
        Matcher port = PORT.matcher(serve);
        assertThat(port.find()).as("the serve block names --port").isTrue();
        String pagePort = port.group(1);

        String demo = dir.resolve("demo").toString();
        Files.createDirectories(dir.resolve("demo"));
        String serveHere = DEMO_DIR.matcher(serve).replaceAll(Matcher.quoteReplacement(demo));
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, flag(serveHere, "--db-url"))
                .withBootstrapFile(Path.of(flag(serveHere, "--bootstrap-file")));

        try (DocsServer server = DocsServer.start(config)) {
            String realPort = String.valueOf(server.gatehouse.port());
            StringBuilder script = new StringBuilder("set -euo pipefail\n");
            int run = 0;
            for (Block block : blocks) {
                if (block.marker() != null) {
                    continue;
                }
                String text = DEMO_DIR.matcher(block.text()).replaceAll(Matcher.quoteReplacement(demo))
                        .replaceAll("\\b" + pagePort + "\\b", realPort);
                script.append("echo '>>> block ").append(++run).append("' >&2\n").append(text).append('\n');
            }
            assertThat(run).as("sh blocks the test runs").isGreaterThan(10);
            Path file = dir.resolve("getting-started.sh");
            Files.writeString(file, script);

            Path log = dir.resolve("getting-started.log");
            Process bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            bash.getOutputStream().close();
            boolean finished = bash.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                bash.descendants().forEach(ProcessHandle::destroyForcibly);
                bash.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("the page's commands finish within 2 minutes:\n%s", output).isTrue();
            assertThat(bash.exitValue()).as("exit status of the page's commands; output:\n%s", output).isZero();
            assertThat(output).contains("\"orgname\": \"default\"", "403", "401", "\"order\":42", "the credential was revoked");
        }
    }

    private static String flag(String command, String name) throws IOException {
        Matcher matcher = Pattern.compile(Pattern.quote(name) + "[ =](\\S+)").matcher(command);
        if (!matcher.find()) {
            throw new IOException("the serve block has no " + name);
        }
        return matcher.group(1);
    }
}
