package dev.gatehouse.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.bootstrap.docs.MarkdownDoc.Block;
import dev.gatehouse.bootstrap.docs.MarkdownDoc.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of {@link MarkdownDocsTest}, on small pages: a block neither run nor marked is caught, and shown outputs are compared. */
class MarkdownDocRulesTest {

    @Test
    void shBlocksRunAndTheBlockRightAfterIsTheirOutput() {
        MarkdownDoc doc = MarkdownDoc.parse("p.md", """
                Text.

                ```sh
                echo hi
                ```

                ```text
                hi
                ```

                Prose.

                ```json
                {}
                ```
                """);

        assertThat(doc.problems).isEmpty();
        Block sh = doc.blocks.get(0);
        assertThat(sh.runs()).isTrue();
        assertThat(sh.line()).isEqualTo(3);
        assertThat(doc.outputOf(sh)).isEqualTo(doc.blocks.get(1));
        assertThat(doc.outputOf(doc.blocks.get(1))).as("prose between: an illustration, not an output").isNull();
    }

    @Test
    void blocksIndentedInAListAreBlocksToo() {
        MarkdownDoc doc = MarkdownDoc.parse("p.md", "1. Run:\n\n       ```bash\n       ls\n         -l\n       ```\n");

        assertThat(doc.blocks).hasSize(1);
        assertThat(doc.blocks.get(0).text()).isEqualTo("ls\n  -l");
        assertThat(doc.problems).singleElement().asString().contains("p.md:3", "a command block the test does not run");
    }

    @Test
    void aCommandBlockInAnotherShellOrSqlMustBeMarked() {
        MarkdownDoc doc = MarkdownDoc.parse("p.md", "```bash\nls\n```\n\n```sql\nSELECT 1;\n```\n\n"
                + "<!-- docs-test: skip, PostgreSQL only -->\n```sql\nSELECT 2;\n```\n");

        assertThat(doc.problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("a command block the test does not run"));
        assertThat(doc.problems.get(0)).startsWith("p.md:1 ");
        assertThat(doc.blocks.get(2).marker().reason()).isEqualTo("PostgreSQL only");
        assertThat(doc.blocks.get(2).runs()).isFalse();
    }

    @Test
    void aMarkerNeedsAKnownKindAReasonAndABlockRightAfterIt() {
        MarkdownDoc doc = MarkdownDoc.parse("p.md", """
                <!-- docs-test: skip -->
                ```sh
                a
                ```
                <!-- docs-test: sometimes, why not -->
                ```sh
                b
                ```
                <!-- docs-test: skip, a reason -->

                ```sh
                c
                ```
                ```
                untagged
                ```
                <!-- docs-test: skip,
                  a reason on two lines -->
                Prose may quote a marker: `<!-- docs-test: skip, why -->`.
                """);

        assertThat(doc.problems).anySatisfy(p -> assertThat(p).contains("p.md:1", "needs a reason"))
                .anySatisfy(p -> assertThat(p).contains("p.md:5", "unknown docs-test marker 'sometimes'"))
                .anySatisfy(p -> assertThat(p).contains("p.md:9", "right before a fenced block"))
                .anySatisfy(p -> assertThat(p).contains("p.md:14", "names no language"))
                .anySatisfy(p -> assertThat(p).contains("p.md:17", "must be one line"))
                .noneSatisfy(p -> assertThat(p).contains("p.md:19"));
        assertThat(doc.blocks.get(2).runs()).as("a marker separated by a blank line marks nothing").isTrue();
    }

    @Test
    void serverAndStartsMarkServeCommandsAndAPageHasOneServer() {
        MarkdownDoc doc = MarkdownDoc.parse("p.md", """
                <!-- docs-test: server, started by the test -->
                ```sh
                java -jar gatehouse.jar serve --port 8080
                ```
                <!-- docs-test: server, again -->
                ```sh
                java -jar gatehouse.jar serve --port 8081
                ```
                <!-- docs-test: starts, stopped when it listens -->
                ```sh
                curl http://example.com
                ```
                """);

        assertThat(doc.blocks.get(0).marker().kind()).isEqualTo(Kind.SERVER);
        assertThat(doc.problems).anySatisfy(p -> assertThat(p).contains("more than one block is marked docs-test: server"))
                .anySatisfy(p -> assertThat(p).contains("p.md:10", "runs gatehouse serve"));
    }

    @Test
    void aPageRunsInOneShellAndFailsOnAFailingCommandOrAWrongOutput(@TempDir Path dir) {
        MarkdownDoc good = MarkdownDoc.parse("good.md", "```sh\nWORD=hello\nmkdir -p /tmp/gatehouse-x\n```\n\n```sh\necho \"$WORD\" > /tmp/gatehouse-x/f\n"
                + "cat /tmp/gatehouse-x/f\n```\n\n```text\nhello\n```\n");
        MarkdownDoc failing = MarkdownDoc.parse("failing.md", "```sh\necho one\nfalse\necho two\n```\n");
        MarkdownDoc wrong = MarkdownDoc.parse("wrong.md", "```sh\necho hello\n```\n\n```text\ngoodbye\n```\n");
        MarkdownDoc unset = MarkdownDoc.parse("unset.md", "```sh\necho \"$NOT_SET\"\n```\n");

        assertThatCode(() -> new DocRun(Path.of(".."), good, dir.resolve("good")).run()).doesNotThrowAnyException();
        assertThatThrownBy(() -> new DocRun(Path.of(".."), failing, dir.resolve("failing")).run())
                .hasMessageContaining("failing.md: a command failed with exit status 1 in the block at line 1");
        assertThatThrownBy(() -> new DocRun(Path.of(".."), wrong, dir.resolve("wrong")).run())
                .hasMessageContaining("wrong.md:5 (```text): the output shown is not what the wrong.md:1 (```sh) printed");
        assertThatThrownBy(() -> new DocRun(Path.of(".."), unset, dir.resolve("unset")).run())
                .hasMessageContaining("NOT_SET: unbound variable");
    }

    @Test
    void outputsMatchWithVolatileValuesAndElisions() {
        OutputTemplate json = OutputTemplate.of("json", """
                {
                  "id": "oc_H4agkBCJXZCVukMrXcPX09",
                  "client_secret": "gts_pjpQWYeR…",
                  "created_at": 1795870413,
                  "at": "2026-11-28T12:07:40.210Z",
                  "kid": "G8nyzx71HjsUEDbIO7njKXkqgNHrPzlLaG_mhj11MKI",
                  "scopes": [
                    "*",
                    …
                    "audit:read"
                  ]
                }
                """);
        String real = """
                {
                  "id": "oc_ZZZZZZZZZZZZZZZZZZZZZZ",
                  "client_secret": "gts_abcdefghijklmnop0123456789",
                  "created_at": 1800000000,
                  "at": "2027-01-01T00:00:00Z",
                  "kid": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1",
                  "scopes": [
                    "*",
                    "connect:*",
                    "sources:read",
                    "audit:read"
                  ]
                }
                """;

        assertThat(json.mismatch(real)).isNull();
        assertThat(json.mismatch(real.replace("oc_", "dc_"))).contains("line 2");
        assertThat(json.mismatch(real.replace("\"audit:read\"", "\"audit:write\""))).isNotNull();
        assertThat(json.mismatch(real + "extra")).isNotNull();
        assertThat(OutputTemplate.of("text", "403").mismatch("401")).contains("403");
        assertThat(OutputTemplate.of("text", "Logged in as owner (owner@gatehouse.local)").mismatch("Logged in as owner (owner@gatehouse.local)\n"))
                .isNull();
    }

    @Test
    void httpOutputsListTheLinesThatMatterInOrder() {
        OutputTemplate http = OutputTemplate.of("http", """
                HTTP/1.1 401 Unauthorized
                WWW-Authenticate: Basic realm="gatehouse"

                {"error":"invalid_client"}
                """);

        assertThat(http.mismatch("HTTP/1.1 401 Unauthorized\nDate: now\nWWW-Authenticate: Basic realm=\"gatehouse\"\n\n{\"error\":\"invalid_client\"}"))
                .isNull();
        assertThat(http.mismatch("HTTP/1.1 401 Unauthorized\nDate: now\n\n{\"error\":\"invalid_client\"}")).contains("WWW-Authenticate");
    }
}
