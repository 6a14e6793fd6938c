package dev.gatehouse.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventSourceTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123Z");
    private final SplittableRandom random = new SplittableRandom(33);
    private final SourceId id = SourceId.generate(random);
    private final WorkspaceId workspace = WorkspaceId.generate(random);
    private final UserId user = UserId.generate(random);

    @Test
    void keepsTheNameStripped() {
        assertThat(source("  deploys \t").name()).isEqualTo("deploys");
    }

    @Test
    void acceptsANameOutsideAscii() {
        assertThat(source("Équipe 東京 \uD83D\uDE80").name()).isEqualTo("Équipe 東京 \uD83D\uDE80");
    }

    @Test
    void acceptsANameOfTwoHundredCharactersAndNoMore() {
        assertThat(source("x".repeat(200)).name()).hasSize(200);
        assertThatThrownBy(() -> source("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "line\nbreak", "nul\u0000", "bell\u0007"})
    void rejectsANameThatIsNotOne(String name) {
        assertThatThrownBy(() -> source(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMissingFields() {
        assertThatThrownBy(() -> new EventSource(null, workspace, "n", user, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventSource(id, null, "n", user, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventSource(id, workspace, "n", null, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventSource(id, workspace, "n", user, null)).isInstanceOf(NullPointerException.class);
    }

    private EventSource source(String name) {
        return new EventSource(id, workspace, name, user, AT);
    }
}
