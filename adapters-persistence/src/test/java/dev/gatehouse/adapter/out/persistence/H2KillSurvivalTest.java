package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed right after a commit to its H2 file database keeps that commit. */
class H2KillSurvivalTest {

    @Test
    void commitBeforeTheProcessIsKilledIsKept(@TempDir Path tmp) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("data/gatehouse");
        Workspace workspace = AddWorkspaceThenHalt.workspace(WorkspaceId.generate(new TestData().random()).value());

        Process server = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                AddWorkspaceThenHalt.class.getName(), url, workspace.id().value())
                .inheritIO()
                .start();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(AddWorkspaceThenHalt.KILLED);

        try (Database reopened = Database.open(url, "sa", "")) {
            assertThat(reopened.workspaces().findById(workspace.id())).contains(workspace);
        }
    }

    /** The server: adds one workspace, then dies at once, with no shutdown hook or close. */
    static final class AddWorkspaceThenHalt {
        static final int KILLED = 137;

        public static void main(String[] args) {
            Database db = Database.open(args[0], "sa", "");
            db.workspaces().add(workspace(args[1]));
            Runtime.getRuntime().halt(KILLED);
        }

        static Workspace workspace(String id) {
            return new Workspace(new WorkspaceId(id), "org", "Workspace", "billing@example.com", T0);
        }
    }
}
