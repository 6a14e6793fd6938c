package dev.gatehouse.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @Test
    void requireNameStripsTheValue() {
        assertThat(Text.requireName("  Acme Corp \t", "name", 100)).isEqualTo("Acme Corp");
    }

    @Test
    void requireNameAcceptsUpToMaxCharactersAfterStripping() {
        assertThat(Text.requireName(" " + "n".repeat(10) + " ", "name", 10)).hasSize(10);
        assertThatThrownBy(() -> Text.requireName("n".repeat(11), "name", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n \n", "a\u0000b", "a\nb", "a\rb", "a\u007fb", "a\u0085b"})
    void requireNameRejectsEmptyAndControlCharacters(String value) {
        assertThatThrownBy(() -> Text.requireName(value, "name", 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireNameRejectsNull() {
        assertThatThrownBy(() -> Text.requireName(null, "name", 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireNameAcceptsNonAsciiLetters() {
        assertThat(Text.requireName("Équipe 東京", "name", 100)).isEqualTo("Équipe 東京");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b", "ada@example.com", "Ada.Lovelace+tag@mail.example.co.uk", "o'brien@example.ie"})
    void requireEmailAcceptsAddresses(String email) {
        assertThat(Text.requireEmail(email)).isEqualTo(email);
    }

    @Test
    void requireEmailStripsSurroundingSpace() {
        assertThat(Text.requireEmail("  ada@example.com ")).isEqualTo("ada@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "@example.com", "ada@", "ada@@example.com", "a@b@c", "ada lovelace@example.com",
            "ada@exa mple.com", "ada\t@example.com", "ada@example.com\u0000"})
    void requireEmailRejectsOtherText(String email) {
        assertThatThrownBy(() -> Text.requireEmail(email)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireEmailRejectsNullAndOver254Characters() {
        assertThatThrownBy(() -> Text.requireEmail(null)).isInstanceOf(IllegalArgumentException.class);
        String local = "a".repeat(64);
        String at254 = local + "@" + "b".repeat(254 - 65);
        assertThat(Text.requireEmail(at254)).hasSize(254);
        assertThatThrownBy(() -> Text.requireEmail(at254 + "c")).isInstanceOf(IllegalArgumentException.class);
    }
}
