package dev.gatehouse.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretHashTest {

    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void ofIsTheLowerCaseHexOfSha256() {
        assertThat(SecretHash.of("abc").hex()).isEqualTo(ABC_SHA256);
    }

    @Test
    void ofHashesTheUtf8Bytes() {
        assertThat(SecretHash.of("\u00e9").hex()).isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void matchesWhenSameSecret() {
        assertThat(SecretHash.of("gts_secret").matches("gts_secret")).isTrue();
        assertThat(new SecretHash(ABC_SHA256).matches("abc")).isTrue();
    }

    @Test
    void matchesWhenOtherSecretThenFalse() {
        SecretHash hash = SecretHash.of("gts_secret");

        assertThat(hash.matches("gts_secreT")).isFalse();
        assertThat(hash.matches("gts_secret ")).isFalse();
        assertThat(hash.matches("")).isFalse();
    }

    @Test
    void equalWhenSameHex() {
        assertThat(SecretHash.of("x")).isEqualTo(SecretHash.of("x")).isNotEqualTo(SecretHash.of("y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a ",
            "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"})
    void constructorRejectsAnythingButSixtyFourLowerCaseHexDigits(String hex) {
        assertThatThrownBy(() -> new SecretHash(hex)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRejectsNull() {
        assertThatThrownBy(() -> new SecretHash(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringShowsOnlyAShortPrefixOfTheHash() {
        String text = new SecretHash(ABC_SHA256).toString();

        assertThat(text).doesNotContain(ABC_SHA256).doesNotContain(ABC_SHA256.substring(0, 16));
        assertThat(text).startsWith("SecretHash[");
    }
}
