package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapter.out.persistence.TestDatabases.PgServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Which PostgreSQL the tests use, and whether one that does not answer fails them or skips them. */
class TestDatabasesTest {

    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2";

    @Test
    void fromEnvironmentWhenNothingIsSetThenTheOptionalLocalDefault() {
        assertThat(PgServer.fromEnvironment(Map.of())).isEqualTo(new PgServer(
                "jdbc:postgresql://127.0.0.1:5432/test", List.of("postgres", "root"), "", false));
        assertThat(PgServer.fromEnvironment(Map.of("GATEHOUSE_TEST_PG_URL", " ")).required()).isFalse();
    }

    @Test
    void fromEnvironmentWhenTheUrlIsSetThenThatServerIsRequired() {
        assertThat(PgServer.fromEnvironment(Map.of(
                "GATEHOUSE_TEST_PG_URL", "jdbc:postgresql://db:5432/ci",
                "GATEHOUSE_TEST_PG_USER", "ci",
                "GATEHOUSE_TEST_PG_PASSWORD", "pw")))
                .isEqualTo(new PgServer("jdbc:postgresql://db:5432/ci", List.of("ci"), "pw", true));
    }

    @Test
    void connectingUserWhenTheDefaultDoesNotAnswerThenSkipsSayingHowToRunThem() {
        PgServer missing = new PgServer(UNREACHABLE, List.of("postgres"), "", false);

        assertThatThrownBy(missing::connectingUser)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("PostgreSQL skipped: set GATEHOUSE_TEST_PG_URL");
    }

    @Test
    void connectingUserWhenTheNamedServerDoesNotAnswerThenFails() {
        PgServer missing = new PgServer(UNREACHABLE, List.of("postgres"), "", true);

        assertThatThrownBy(missing::connectingUser)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL is unreachable")
                .hasMessageContaining("GATEHOUSE_TEST_PG_URL");
    }
}
