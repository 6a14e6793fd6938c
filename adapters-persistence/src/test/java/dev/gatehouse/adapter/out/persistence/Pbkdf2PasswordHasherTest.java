package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2PasswordHasherTest {

    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);

    @Test
    void matchesWhenSamePasswordThenTrue() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void matchesWhenWrongPasswordThenFalse() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void matchesWhenPasswordOutsideAsciiThenTrue() {
        String password = "pässwörd 東京 \uD83D\uDE80";

        assertThat(hasher.matches(password, hasher.hash(password))).isTrue();
    }

    @Test
    void matchesWhenEmptyPasswordHashedThenTrue() {
        assertThat(hasher.matches("", hasher.hash(""))).isTrue();
    }

    @Test
    void hashWhenSamePasswordTwiceThenSaltsAndHashesDiffer() {
        String first = hasher.hash("same password");
        String second = hasher.hash("same password");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
        assertThat(hasher.matches("same password", first)).isTrue();
        assertThat(hasher.matches("same password", second)).isTrue();
    }

    @Test
    void hashIsEncodedWithItsParameters() {
        String[] parts = hasher.hash("password").split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("1000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void defaultHasherUsesTheDefaultIterations() {
        String hash = new Pbkdf2PasswordHasher().hash("password");

        assertThat(hash).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void matchesUsesTheIterationsOfTheStoredHash() {
        String hash = new Pbkdf2PasswordHasher(2_000).hash("password");

        assertThat(hasher.matches("password", hash)).isTrue();
        assertThat(hasher.matches("password", hash.replace("$2000$", "$1999$"))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "not a hash",
            "pbkdf2-sha256$1000$c2FsdA",
            "pbkdf2-sha256$1000$c2FsdA$aGFzaA$extra",
            "bcrypt$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$abc$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$999999999$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$1000$!!not base64!!$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$!!not base64!!",
            "pbkdf2-sha256$1000$$aGFzaGhhc2hoYXNoaGFzaA",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aA"})
    void matchesWhenEncodingIsBadThenFalse(String encoded) {
        assertThat(hasher.matches("password", encoded)).isFalse();
    }

    @Test
    void matchesWhenPasswordNullThenFalse() {
        assertThat(hasher.matches(null, hasher.hash("password"))).isFalse();
    }

    @Test
    void constructorWhenIterationsOutOfRangeThenRejected() {
        assertThatThrownBy(() -> new Pbkdf2PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
