package dev.gatehouse.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");
    private final SplittableRandom random = new SplittableRandom(41);
    private final ProjectId id = ProjectId.generate(random);
    private final WorkspaceId workspace = WorkspaceId.generate(random);

    @Test
    void keepsEveryFieldAndStripsTheNames() {
        Project project = new Project(id, workspace, "  Acme  ", Optional.of(" Acme app "), Optional.of("Help@Acme.example"),
                true, NOW);

        assertThat(project.name()).isEqualTo("Acme");
        assertThat(project.appName()).contains("Acme app");
        assertThat(project.supportEmail()).contains("Help@Acme.example");
        assertThat(project.connectRequireKeyAuthTest()).isTrue();
        assertThat(project.createdAt()).isEqualTo(NOW);
    }

    @Test
    void theShortConstructorLeavesTheOptionalFieldsEmpty() {
        Project project = new Project(id, workspace, "Bare", NOW);

        assertThat(project).isEqualTo(new Project(id, workspace, "Bare", Optional.empty(), Optional.empty(), false, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@", "@example.com", "a b@example.com", "a@b@example.com", " ", ""})
    void rejectsABadSupportEmail(String email) {
        assertThatThrownBy(() -> new Project(id, workspace, "p", Optional.empty(), Optional.of(email), false, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsABadNameOrAppName() {
        assertThatThrownBy(() -> new Project(id, workspace, " ", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "n".repeat(201), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "tab\there", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "p", Optional.of(""), Optional.empty(), false, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "p", Optional.of("a".repeat(201)), Optional.empty(), false, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Project(id, workspace, "n".repeat(200), NOW).name()).hasSize(200);
    }

    @Test
    void rejectsMissingFields() {
        assertThatThrownBy(() -> new Project(null, workspace, "p", NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Project(id, null, "p", NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "p", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "p", null, Optional.empty(), false, NOW))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Project(id, workspace, "p", Optional.empty(), null, false, NOW))
                .isInstanceOf(NullPointerException.class);
    }
}
