package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestDatabases.CloseAfterEach.class)
class DatabaseTest {

    private final TestData data = new TestData();

    @Test
    void openWhenH2FileInMissingFolderThenCreatesItAndKeepsDataAcrossReopen(@TempDir Path tmp) {
        Path folder = tmp.resolve("nested/data");
        String url = "jdbc:h2:file:" + folder.resolve("gatehouse");
        Workspace workspace = data.workspace(T0);

        try (Database db = Database.open(url, "sa", "")) {
            db.workspaces().add(workspace);
        }
        try (Database reopened = Database.open(url, "sa", "")) {
            assertThat(reopened.workspaces().findById(workspace.id())).contains(workspace);
        }
        assertThat(folder.resolve("gatehouse.mv.db")).isRegularFile();
    }

    @Test
    void isReachableWhenOpenThenTrueAndWhenClosedThenFalse() {
        Database db = TestDatabases.h2().database();

        assertThat(db.isReachable()).isTrue();
        db.close();
        assertThat(db.isReachable()).isFalse();
    }

    @Test
    void isReachableOnPostgresThenTrue() {
        assertThat(TestDatabases.postgres().database().isReachable()).isTrue();
    }

    @Test
    void openAgainOnAMigratedDatabaseThenKeepsItsData() {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        Workspace workspace = data.workspace(T0);
        db.database().workspaces().add(workspace);

        Database again = db.openAnother();

        assertThat(again.workspaces().findById(workspace.id())).contains(workspace);
    }

    @Test
    void openWhenUnreachableThenThrows() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", ""))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void openWhenThePoolSizeIsBelowTwoThenRefuses() {
        assertThatThrownBy(() -> Database.open("jdbc:h2:mem:unused", "sa", "", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool size");
    }

    @Test
    void openWithTheSmallestPoolThenMigratesAndWorks() {
        try (Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", Database.MIN_POOL_SIZE)) {
            Workspace workspace = data.workspace(T0);
            db.workspaces().add(workspace);
            assertThat(db.workspaces().findById(workspace.id())).contains(workspace);
        }
    }

    @Test
    void clusterSignalsOnPostgresAreListenNotify() {
        assertThat(TestDatabases.postgres().database().clusterSignals()).isInstanceOf(PostgresClusterSignals.class);
    }

    @Test
    void isPostgresReadsTheUrlPrefix() {
        assertThat(Database.isPostgres("jdbc:postgresql://db/gatehouse")).isTrue();
        assertThat(Database.isPostgres("JDBC:PostgreSQL://db/gatehouse")).isTrue();
        assertThat(Database.isPostgres(Database.defaultH2Url())).isFalse();
    }

    @Test
    void defaultH2UrlIsAFileBelowTheWorkingDirectory() {
        assertThat(Database.defaultH2Url()).isEqualTo("jdbc:h2:file:./data/gatehouse;WRITE_DELAY=0");
        assertThat(Database.h2FileParent(Database.defaultH2Url()))
                .contains(Path.of("data").toAbsolutePath().normalize());
    }

    @Test
    void withDurableCommitsAddsAZeroWriteDelayUnlessOneIsSet() {
        assertThat(Database.withDurableCommits("jdbc:h2:file:./data/gh")).isEqualTo("jdbc:h2:file:./data/gh;WRITE_DELAY=0");
        assertThat(Database.withDurableCommits("jdbc:h2:file:./data/gh;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/gh;MODE=PostgreSQL;WRITE_DELAY=0");
        assertThat(Database.withDurableCommits("jdbc:h2:file:./data/gh;write_delay=500"))
                .isEqualTo("jdbc:h2:file:./data/gh;write_delay=500");
    }

    @Test
    void h2FileParentReadsFileUrlsOnly() {
        assertThat(Database.h2FileParent("jdbc:h2:file:/var/lib/gatehouse/db;MODE=PostgreSQL"))
                .contains(Path.of("/var/lib/gatehouse"));
        assertThat(Database.h2FileParent("jdbc:h2:./x/db")).contains(Path.of("x").toAbsolutePath().normalize());
        assertThat(Database.h2FileParent("jdbc:h2:~/gh/db")).contains(Path.of(System.getProperty("user.home"), "gh"));
        assertThat(Database.h2FileParent("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(Database.h2FileParent("jdbc:h2:tcp://localhost/~/test")).isEmpty();
        assertThat(Database.h2FileParent("jdbc:postgresql://localhost/gatehouse")).isEqualTo(Optional.empty());
        assertThat(Files.exists(Path.of("x"))).isFalse();
    }
}
