package dev.gatehouse.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrefixedIdTest {

    /** One kind of prefixed id: its prefix, its constructor and its generator. */
    record IdKind(String prefix, Function<String, Object> parse, Function<RandomGenerator, Object> generate) {
        @Override
        public String toString() {
            return prefix;
        }
    }

    static Stream<IdKind> kinds() {
        return Stream.of(
                new IdKind("o_", WorkspaceId::new, WorkspaceId::generate),
                new IdKind("u_", UserId::new, UserId::generate),
                new IdKind("proj_", ProjectId::new, ProjectId::generate),
                new IdKind("oc_", OAuthClientRecordId::new, OAuthClientRecordId::generate),
                new IdKind("ak_", ApiKeyId::new, ApiKeyId::generate));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void generateIsThePrefixAnd22Base62Characters(IdKind kind) {
        RandomGenerator random = new SplittableRandom(15);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id = kind.generate().apply(random).toString();
            assertThat(id).matches("^" + kind.prefix() + "[0-9A-Za-z]{" + PrefixedId.RANDOM_LENGTH + "}$");
            seen.add(id);
        }
        assertThat(seen).hasSize(100);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void acceptsThePrefixAndOneTo64Base62Characters(IdKind kind) {
        for (String rest : new String[] {"a", "Z9", "x".repeat(64)}) {
            assertThat(kind.parse().apply(kind.prefix() + rest).toString()).isEqualTo(kind.prefix() + rest);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectsAnythingElse(IdKind kind) {
        String p = kind.prefix();
        for (String bad : new String[] {"", p, p + "x".repeat(65), p + "a-b", p + "a_b", p + "a b", p + "caf\u00e9",
                " " + p + "abc", p.toUpperCase() + "abc", "x" + p + "abc", "abc", "zz_abc"}) {
            assertThatThrownBy(() -> kind.parse().apply(bad)).as("[%s]", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> kind.parse().apply(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isValidChecksThePrefix() {
        assertThat(PrefixedId.isValid("o_abc", "o_")).isTrue();
        assertThat(PrefixedId.isValid("u_abc", "o_")).isFalse();
        assertThat(WorkspaceId.isValid("o_abc")).isTrue();
        assertThat(UserId.isValid("o_abc")).isFalse();
        assertThat(ProjectId.isValid("proj_abc")).isTrue();
        assertThat(ProjectId.isValid("proj_")).isFalse();
        assertThat(OAuthClientRecordId.isValid("oc_abc")).isTrue();
        assertThat(OAuthClientRecordId.isValid(null)).isFalse();
    }

    @Test
    void requireNamesWhatIsWrong() {
        assertThatThrownBy(() -> PrefixedId.require("x", "o_", "workspace id"))
                .hasMessageContaining("workspace id").hasMessageContaining("o_");
    }
}
