package dev.gatehouse.bootstrap.docs;

import static org.assertj.core.api.Assertions.fail;

import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.ServeFlags;
import dev.gatehouse.bootstrap.ServerConfig;
import dev.gatehouse.bootstrap.docs.MarkdownDoc.Block;
import dev.gatehouse.bootstrap.docs.MarkdownDoc.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one page: compiles its Java blocks, starts its {@code server} block in-process, runs its {@code sh} blocks in
 * one bash, and compares the outputs it shows. What a page names is moved out of the way, so that pages run side by
 * side and on a shared machine:
 * <ul>
 *   <li>{@code /tmp/gatehouse-NAME}, {@code /var/lib/gatehouse} and {@code /etc/gatehouse} are folders of a
 *       temporary directory; the commands run in an empty working directory, with an empty {@code HOME};</li>
 *   <li>the server block's port becomes the free port the server got, in every block and shown output; other
 *       {@code serve} commands get {@code --port 0}, and {@code GATEHOUSE_PORT=0} is set for those with no
 *       {@code --port};</li>
 *   <li>{@code java -jar …gatehouse.jar} and {@code java -cp …gatehouse.jar} run on the test's class path (the jar is
 *       built after the tests), and {@code gatehouse} on the PATH stands for {@code java -jar gatehouse.jar}, as
 *       docs/cli.md says.</li>
 * </ul>
 */
final class DocRun {

    private static final Pattern TMP = Pattern.compile("/tmp/gatehouse-([A-Za-z0-9_-]+)");
    private static final Pattern SYSTEM_DIRS = Pattern.compile("/(var/lib|etc)/gatehouse\\b");
    private static final Pattern SERVE_PORT = Pattern.compile("--port[ =](\\d+)");
    private static final String LISTENING = "gatehouse listening on ";
    private static final long TIMEOUT_SECONDS = 90;

    private final Path root;
    private final MarkdownDoc doc;
    private final Path dir;
    private final Path tmp;
    private final Path work;
    private final Path out;
    private String pagePort;
    private String realPort;

    DocRun(Path root, MarkdownDoc doc, Path dir) {
        this.root = root;
        this.doc = doc;
        this.dir = dir;
        this.tmp = dir.resolve("tmp");
        this.work = dir.resolve("work");
        this.out = dir.resolve("out");
    }

    void run() throws Exception {
        Files.createDirectories(dir);
        new JavaSnippets(root, doc, dir.resolve("java")).check();
        List<Block> run = doc.blocks.stream().filter(b -> b.runs() || kind(b) == Kind.STARTS).toList();
        Block serverBlock = doc.blocks.stream().filter(b -> kind(b) == Kind.SERVER).findFirst().orElse(null);
        if (run.isEmpty() && serverBlock == null) {
            return;
        }
        for (Path folder : List.of(tmp, work, out, dir.resolve("home"), dir.resolve("bin"))) {
            Files.createDirectories(folder);
        }
        if (serverBlock == null) {
            runScript();
            return;
        }
        Matcher port = SERVE_PORT.matcher(serverBlock.text());
        pagePort = port.find() ? port.group(1) : "8080";
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (Gatehouse server = Gatehouse.start(serverConfig(serverBlock), new PrintStream(stdout, true, StandardCharsets.UTF_8))) {
            realPort = String.valueOf(server.port());
            checkOutput(serverBlock, stdout.toString(StandardCharsets.UTF_8));
            runScript();
        }
    }

    private static Kind kind(Block block) {
        return block.marker() == null ? null : block.marker().kind();
    }

    private ServerConfig serverConfig(Block block) {
        List<String> words = words(localize(block.text()));
        int serve = words.indexOf("serve");
        if (serve < 0) {
            fail(block.where(doc.name) + ": the server block has no serve command");
        }
        List<String> args = new ArrayList<>(words.subList(serve + 1, words.size()));
        int flag = args.indexOf("--port");
        if (flag >= 0) {
            args.remove(flag + 1);
            args.remove(flag);
        }
        args.removeIf(arg -> arg.startsWith("--port="));
        args.add("--port");
        args.add("0");
        return ServeFlags.parse(args.toArray(String[]::new));
    }

    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(command.replace("\\\n", " "));
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }

    /** The page's folders and port, as this run has them. */
    String localize(String text) {
        String local = TMP.matcher(text).replaceAll(Matcher.quoteReplacement(tmp.toString()) + "/$1");
        local = SYSTEM_DIRS.matcher(local).replaceAll(Matcher.quoteReplacement(tmp.toString()) + "/$1/gatehouse");
        if (pagePort != null) {
            local = local.replaceAll(":" + pagePort + "\\b", ":" + realPort);
        }
        return local;
    }

    private void runScript() throws Exception {
        Path bin = dir.resolve("bin");
        writeExecutable(bin.resolve("java"), javaShim());
        writeExecutable(bin.resolve("gatehouse"), "#!/usr/bin/env bash\nexec \"$(dirname \"$0\")/java\" -jar gatehouse.jar \"$@\"\n");
        Path log = dir.resolve("stderr.log");
        StringBuilder script = new StringBuilder("set -euo pipefail\n")
                .append("for tool in curl jq; do command -v $tool >/dev/null || { echo \"docs-test: the docs need $tool,")
                .append(" which is not on the PATH\" >&2; exit 127; }; done\n");
        for (int i = 0; i < doc.blocks.size(); i++) {
            Block block = doc.blocks.get(i);
            String text = localize(block.text());
            String file = out.resolve(i + ".out").toString();
            if (block.runs()) {
                script.append("echo '>>> docs-test: block at line ").append(block.line()).append("' >&2\n")
                        .append("exec 1>").append(quote(file)).append('\n').append(text).append('\n');
            } else if (kind(block) == Kind.STARTS) {
                Path body = out.resolve(i + ".sh");
                Files.writeString(body, SERVE_PORT.matcher(text).replaceAll("--port 0") + "\n");
                script.append("echo '>>> docs-test: block at line ").append(block.line()).append(" (starts)' >&2\n")
                        .append("set -m\nbash ").append(quote(body.toString())).append(" >").append(quote(file))
                        .append(" </dev/null &\nDOCS_TEST_PID=$!\nset +m\n")
                        .append("for _ in $(seq 1 600); do grep -q '").append(LISTENING).append("' ").append(quote(file))
                        .append(" && break; kill -0 $DOCS_TEST_PID 2>/dev/null || break; sleep 0.1; done\n")
                        .append("if ! grep -q '").append(LISTENING).append("' ").append(quote(file)).append("; then\n")
                        .append("  echo 'docs-test: the command never printed its listening line' >&2\n")
                        .append("  kill -TERM -- -$DOCS_TEST_PID 2>/dev/null || true; exit 1\nfi\n")
                        .append("kill -TERM -- -$DOCS_TEST_PID\nwait $DOCS_TEST_PID || true\n");
            }
        }
        script.append("echo '>>> docs-test: done' >&2\n");
        Path file = dir.resolve("page.sh");
        Files.writeString(file, script);

        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
                .redirectOutput(out.resolve("preamble.out").toFile()).redirectError(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.startsWith("JAVA_TOOL"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("GATEHOUSE_PORT", "0");
        Process bash = builder.start();
        bash.getOutputStream().close();
        boolean finished = bash.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        bash.descendants().forEach(ProcessHandle::destroyForcibly);
        if (!finished) {
            bash.destroyForcibly().waitFor();
        }
        String stderr = Files.readString(log);
        if (!finished) {
            fail(doc.name + ": the commands did not finish within " + TIMEOUT_SECONDS + " s; stderr:\n" + tail(stderr));
        }
        if (bash.exitValue() != 0) {
            fail(doc.name + ": a command failed with exit status " + bash.exitValue() + " in the "
                    + lastBlock(stderr) + "; stderr:\n" + tail(stderr) + "\nstdout of that block:\n" + lastOutput());
        }
        for (int i = 0; i < doc.blocks.size(); i++) {
            Block block = doc.blocks.get(i);
            if (block.runs()) {
                checkOutput(block, Files.readString(out.resolve(i + ".out")));
            }
        }
    }

    private void checkOutput(Block block, String actual) {
        Block shown = doc.outputOf(block);
        if (shown == null) {
            return;
        }
        String problem = OutputTemplate.of(shown.language(), localize(shown.text())).mismatch(actual);
        if (problem != null) {
            fail(shown.where(doc.name) + ": the output shown is not what the " + block.where(doc.name) + " printed: "
                    + problem + "\nit printed:\n" + actual);
        }
    }

    private String javaShim() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return """
                #!/usr/bin/env bash
                # docs-test: runs gatehouse.jar from the test's class path; anything else goes to the real java.
                args=()
                while [ $# -gt 0 ]; do
                  case "$1" in
                    -jar) if [[ "$2" == *gatehouse.jar ]]; then args+=(-cp "$DOCS_TEST_CP" dev.gatehouse.bootstrap.Main); shift 2; args+=("$@"); break; fi ;;
                    -cp|-classpath) if [[ "$2" == *gatehouse.jar ]]; then args+=(-cp "$DOCS_TEST_CP"); shift 2; continue; fi ;;
                  esac
                  args+=("$1"); shift
                done
                exec "$DOCS_TEST_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Duser.home="$HOME" "${args[@]}"
                """.replace("$DOCS_TEST_CP", quote(classPath)).replace("\"$DOCS_TEST_JAVA\"", quote(java));
    }

    private static void writeExecutable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String lastBlock(String stderr) {
        int at = stderr.lastIndexOf(">>> docs-test: ");
        return at < 0 ? "page's first lines" : stderr.substring(at + 15, stderr.indexOf('\n', at) < 0 ? stderr.length() : stderr.indexOf('\n', at));
    }

    private String lastOutput() throws IOException {
        try (var files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".out"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .map(p -> {
                        try {
                            return tail(Files.readString(p));
                        } catch (IOException e) {
                            return "";
                        }
                    }).orElse("");
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }
}
