package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real headless Chromium: starts the server on a free port with a fresh H2 database, then
 * runs {@code src/test/browser/console.spec.mjs} (playwright-core) against it, which signs in, creates, rotates,
 * edits and deletes clients, revokes the API key, checks CSRF, adds a member, watches the audit feed and signs
 * out, saving screenshots of every page under {@code target/console-screenshots}.
 *
 * <p>It needs Node.js and Chromium ({@code /usr/bin/chromium}, or the {@code CHROMIUM} variable). Without them the
 * test is skipped with a loud message, unless {@code GATEHOUSE_TEST_BROWSER=required} (as in CI), when it fails.
 * {@code npm ci} runs once when {@code node_modules} is missing.
 */
class ConsoleBrowserTest {

    private static final Path BROWSER_TESTS = Path.of("src", "test", "browser");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theConsoleWorksInARealBrowser(@TempDir Path dir) throws Exception {
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
        Optional<String> missing = !onPath("node") ? Optional.of("node (Node.js)")
                : !onPath("npm") ? Optional.of("npm")
                : !Files.isExecutable(Path.of(chromium)) ? Optional.of(chromium + " (apt-get install -y chromium)")
                : Optional.empty();
        if (missing.isPresent()) {
            String message = "CONSOLE BROWSER TEST SKIPPED: " + missing.get() + " is missing; set GATEHOUSE_TEST_BROWSER=required to make this a failure";
            if ("required".equals(System.getenv("GATEHOUSE_TEST_BROWSER"))) {
                throw new AssertionError(message.replace("SKIPPED", "CANNOT RUN"));
            }
            System.err.println("[WARNING] " + message);
            Assumptions.abort(message);
        }
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules").resolve("playwright-core"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), BROWSER_TESTS, List.of(), dir.resolve("npm.log"), 180);
            assertThat(install.exitCode()).as("npm ci in %s:%n%s", BROWSER_TESTS, install.output()).isZero();
        }
        Path bootstrapFile = dir.resolve("bootstrap.json");
        try (TestServer server = TestServer.start(TestServer.memoryDb(), Optional.of(bootstrapFile))) {
            Result result = run(List.of("node", "console.spec.mjs"), BROWSER_TESTS, List.of(
                    "GATEHOUSE_BASE_URL=" + server.base,
                    "GATEHOUSE_BOOTSTRAP_FILE=" + bootstrapFile.toAbsolutePath(),
                    "GATEHOUSE_SCREENSHOTS=" + SCREENSHOTS.toAbsolutePath(),
                    "CHROMIUM=" + chromium), dir.resolve("browser.log"), 180);
            System.out.println(result.output());
            assertThat(result.exitCode()).as("console.spec.mjs failed:%n%s", result.output()).isZero();
        }
        assertThat(SCREENSHOTS.resolve("06-api-settings-list-1280x800.png")).exists();
        assertThat(SCREENSHOTS.resolve("06-api-settings-list-390x844.png")).exists();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Path workingDir, List<String> environment, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        for (String variable : environment) {
            int eq = variable.indexOf('=');
            builder.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after " + timeoutSeconds + " s)");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
