package dev.gatehouse.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceIdTest {

    private final SplittableRandom random = new SplittableRandom(32);

    @Test
    void generateMakesPipedreamStyleIds() {
        SourceId id = SourceId.generate(random);

        assertThat(id.value()).startsWith("dc_").hasSize(3 + 22);
        assertThat(SourceId.isValid(id.value())).isTrue();
        assertThat(id).hasToString(id.value());
    }

    @Test
    void generateMakesADifferentIdEachTime() {
        Set<SourceId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(SourceId.generate(random));
        }

        assertThat(ids).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dc_a", "dc_0123456789abcdefABCDEF"})
    void acceptsThePrefixFollowedByBase62(String value) {
        assertThat(SourceId.isValid(value)).isTrue();
        assertThat(new SourceId(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"dc_", "oc_abc", "DC_abc", "abc", "dc_a-b", "dc_a b", "dc_é", "dc_a/../b"})
    void rejectsAnythingElse(String value) {
        assertThat(SourceId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new SourceId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnIdLongerThanSixtyFourCharactersAfterThePrefix() {
        assertThat(SourceId.isValid("dc_" + "a".repeat(64))).isTrue();
        assertThat(SourceId.isValid("dc_" + "a".repeat(65))).isFalse();
    }
}
