package dev.gatehouse.domain.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "connect:projects:read", "!", "a", "workspace:read",
            "#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~"})
    void acceptsEveryNqcharToken(String value) {
        assertThat(Scope.isValidToken(value)).isTrue();
        assertThat(new Scope(value).value()).isEqualTo(value);
    }

    @Test
    void acceptsEveryPrintableAsciiCharacterButSpaceQuoteAndBackslash() {
        for (char c = 0x21; c <= 0x7E; c++) {
            boolean expected = c != '"' && c != '\\';
            assertThat(Scope.isValidToken(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", " a", "a ", "\"", "a\"b", "\\", "a\\b", "a\tb", "a\nb", "\r", "\u0000",
            "\u007f", "\u0080", "caf\u00e9", "\u00a0", "\u2003", "\uD83D\uDE80", "\u0441onnect:*"})
    void rejectsSpaceQuoteBackslashControlAndNonAsciiCharacters(String value) {
        assertThat(Scope.isValidToken(value)).isFalse();
        assertThatThrownBy(() -> new Scope(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThat(Scope.isValidToken(null)).isFalse();
        assertThatThrownBy(() -> new Scope(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsUpTo200Characters() {
        assertThat(Scope.isValidToken("a".repeat(200))).isTrue();
        assertThat(Scope.isValidToken("a".repeat(201))).isFalse();
    }

    @ParameterizedTest(name = "[{0}] grants [{1}]")
    @CsvSource({
            "*, *",
            "*, connect:projects:read",
            "*, workspace:read",
            "*, anything-at-all",
            "connect:*, connect:projects:read",
            "connect:*, connect:actions:*",
            "connect:*, connect:actions:slack-send",
            "connect:*, connect:*",
            "connect:actions:*, connect:actions:slack-send",
            "connect:actions:*, connect:actions:a:b",
            "workspace:read, workspace:read",
    })
    void grants(String held, String wanted) {
        assertThat(new Scope(held).grants(new Scope(wanted))).isTrue();
    }

    @ParameterizedTest(name = "[{0}] does not grant [{1}]")
    @CsvSource({
            "connect:*, connect",
            "connect:*, connect:",
            "connect:*, connectx:y",
            "connect:*, connect*",
            "connect:*, *",
            "connect:*, workspace:read",
            "connect:actions:*, connect:*",
            "connect:actions:*, connect:actions",
            "connect:actions:*, connect:triggers:x",
            "connect:projects:read, connect:projects:write",
            "connect:projects:read, connect:projects:read:x",
            "connect:projects:read, connect:*",
            "workspace:read, *",
            "connect, connect:projects:read",
            "a*, ab",
    })
    void doesNotGrant(String held, String wanted) {
        assertThat(new Scope(held).grants(new Scope(wanted))).isFalse();
    }

    @Test
    void isWildcardForStarAndColonStarOnly() {
        assertThat(Scope.ALL.isWildcard()).isTrue();
        assertThat(new Scope("connect:*").isWildcard()).isTrue();
        assertThat(new Scope("connect:actions:*").isWildcard()).isTrue();
        assertThat(new Scope("connect").isWildcard()).isFalse();
        assertThat(new Scope("a*").isWildcard()).isFalse();
    }

    @Test
    void toStringIsTheValue() {
        assertThat(new Scope("connect:proxy")).hasToString("connect:proxy");
    }
}
