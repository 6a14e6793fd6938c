package dev.gatehouse.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlainCredentialTest {

    private final SplittableRandom random = new SplittableRandom(12);

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void toStringNeverContainsTheValue(CredentialKind kind) {
        String value = kind.generate(random);
        PlainCredential credential = new PlainCredential(kind, value);

        assertThat(credential.toString()).doesNotContain(value)
                .doesNotContain(value.substring(kind.prefix().length(), kind.prefix().length() + 8))
                .contains(kind.name());
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void hashIsTheSha256OfTheValue(CredentialKind kind) {
        String value = kind.generate(random);
        PlainCredential credential = new PlainCredential(kind, value);

        assertThat(credential.hash()).isEqualTo(SecretHash.of(value));
        assertThat(credential.hash().matches(value)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void constructorRejectsNull(CredentialKind kind) {
        assertThatThrownBy(() -> new PlainCredential(kind, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PlainCredential(null, "x")).isInstanceOf(NullPointerException.class);
    }
}
