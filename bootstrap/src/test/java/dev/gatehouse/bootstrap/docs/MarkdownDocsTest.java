package dev.gatehouse.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gatehouse.bootstrap.docs.MarkdownDoc.Block;
import dev.gatehouse.bootstrap.docs.MarkdownDoc.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs as tests: every Markdown page of the project (README.md and every {@code .md} under docs/, found anew on each
 * run) is checked and run. {@link DocRun} says how.
 *
 * <p>The rules a page follows:
 * <ul>
 *   <li>Every fenced block names its language. A {@code sh} block is run, in order with the page's other
 *       {@code sh} blocks, in one {@code bash} with {@code set -euo pipefail}: variables carry from block to block,
 *       and any failing command fails the page.</li>
 *   <li>A block that cannot run as written carries a visible marker on the line right before it:
 *       {@code <!-- docs-test: skip, why -->}. A command block in any other shell or in SQL ({@code bash},
 *       {@code console}, {@code sql}, …) must be marked. A block neither run nor marked fails the page.</li>
 *   <li>{@code <!-- docs-test: server, why -->} marks the page's long-running {@code gatehouse serve}: the test
 *       starts that server itself, in-process, with the block's flags, on a free port and a fresh database.</li>
 *   <li>{@code <!-- docs-test: starts, why -->} marks another {@code serve} command: it runs until it prints its
 *       listening line, and is then stopped.</li>
 *   <li>A block right after a run block (blank lines only between) is that block's output, and the real output
 *       must match it ({@link OutputTemplate}: ids, times and tokens match any value of their form, {@code …} elides).
 *       After the {@code server} block, it is compared with the server's stdout. Mark a block that shows output
 *       but cannot be compared {@code <!-- docs-test: unchecked, why -->}.</li>
 *   <li>Every {@code java} block is compiled against the project's classes (a fragment of statements is wrapped in a
 *       method), unless it is marked {@code <!-- docs-test: excerpt, path/To/Source.java -->}, in which case its lines
 *       must appear, in order, in that file.</li>
 * </ul>
 */
class MarkdownDocsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** README.md and every Markdown page under docs/, sorted. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Every page, or those whose path matches the regular expression in {@code -Ddocs.pages=…}, to work on one page. */
    @TestFactory
    Stream<DynamicTest> everyPageRunsAsWritten() throws IOException {
        List<Path> pages = pages();
        String only = System.getProperty("docs.pages", "");
        return pages.stream().filter(p -> only.isEmpty() || ROOT.relativize(p).toString().matches(only)).map(page -> DynamicTest.dynamicTest(ROOT.relativize(page).toString(), () -> {
            String name = ROOT.relativize(page).toString();
            MarkdownDoc doc = MarkdownDoc.parse(name, Files.readString(page));
            if (!doc.problems.isEmpty()) {
                fail(name + " breaks the docs-test rules:\n  " + String.join("\n  ", doc.problems));
            }
            new DocRun(ROOT, doc, dir.resolve(String.valueOf(pages.indexOf(page)))).run();
        }));
    }

    @Test
    void findsTheReadmeAndEveryPageUnderDocs() throws IOException {
        List<String> names = pages().stream().map(p -> ROOT.relativize(p).toString()).toList();

        assertThat(names).contains("README.md", "docs/getting-started.md", "docs/cli.md", "docs/operations.md",
                "docs/embedding.md", "docs/adr/README.md");
        try (Stream<Path> all = Files.walk(ROOT.resolve("docs"))) {
            assertThat(names).hasSize(1 + (int) all.filter(p -> p.toString().endsWith(".md")).count());
        }
    }

    @Test
    void theCommandPagesRunTheirCommandsAndCheckTheirOutputs() throws IOException {
        for (String name : List.of("README.md", "docs/getting-started.md", "docs/cli.md", "docs/operations.md")) {
            MarkdownDoc doc = MarkdownDoc.parse(name, Files.readString(ROOT.resolve(name)));
            List<Block> run = doc.blocks.stream().filter(Block::runs).toList();
            long started = doc.blocks.stream().filter(b -> b.marker() != null && b.marker().kind() == Kind.STARTS).count();
            assertThat(run.size() + started).as("sh blocks run or started in %s", name).isGreaterThan(3);
            assertThat(run.stream().filter(b -> doc.outputOf(b) != null)).as("outputs checked in %s", name).isNotEmpty();
        }
        MarkdownDoc start = MarkdownDoc.parse("docs/getting-started.md", Files.readString(ROOT.resolve("docs/getting-started.md")));
        assertThat(start.blocks).anySatisfy(b -> assertThat(b.marker()).isNotNull().extracting(m -> m.kind()).isEqualTo(Kind.SERVER));
        assertThat(start.blocks.stream().filter(Block::runs).map(Block::text))
                .anySatisfy(text -> assertThat(text).contains("gatehouse login"))
                .anySatisfy(text -> assertThat(text).contains("gatehouse token"))
                .anySatisfy(text -> assertThat(text).contains("curl"));
    }
}
