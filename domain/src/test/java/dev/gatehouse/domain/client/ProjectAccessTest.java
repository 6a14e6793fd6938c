package dev.gatehouse.domain.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.workspace.ProjectId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProjectAccessTest {

    private final SplittableRandom random = new SplittableRandom(18);

    @Test
    void allPermitsEveryProject() {
        assertThat(ProjectAccess.all().isRestricted()).isFalse();
        assertThat(ProjectAccess.all().permits(ProjectId.generate(random))).isTrue();
    }

    @Test
    void onlyPermitsTheListedProjects() {
        ProjectId listed = ProjectId.generate(random);
        ProjectAccess access = ProjectAccess.only(List.of(listed));

        assertThat(access.isRestricted()).isTrue();
        assertThat(access.permits(listed)).isTrue();
        assertThat(access.permits(ProjectId.generate(random))).isFalse();
    }

    @Test
    void onlyOfNoProjectsPermitsNone() {
        ProjectAccess access = ProjectAccess.only(List.of());

        assertThat(access.isRestricted()).isTrue();
        assertThat(access.permits(ProjectId.generate(random))).isFalse();
        assertThat(access).isNotEqualTo(ProjectAccess.all());
    }
}
