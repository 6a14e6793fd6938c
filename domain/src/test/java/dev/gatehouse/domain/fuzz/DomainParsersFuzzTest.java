package dev.gatehouse.domain.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.source.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes the domain's parsers of text that arrives from outside: the {@code scope} parameter, scope tokens,
 * {@code Last-Event-ID} and the credential forms. Each may refuse its input only in the way it documents, and
 * what it accepts must round-trip. The regression inputs live in {@code DomainParsersFuzzTestInputs}.
 */
class DomainParsersFuzzTest {

    /** {@link ScopeSet#parse}: throws only {@link IllegalArgumentException}; what it accepts prints back as given. */
    @FuzzTest(maxDuration = "10s")
    void scopeParameter(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ScopeSet parsed;
        try {
            parsed = ScopeSet.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(parsed.isEmpty()).isFalse();
        for (Scope scope : parsed.scopes()) {
            assertThat(Scope.isValidToken(scope.value())).isTrue();
            assertThat(parsed.grants(scope)).isTrue();
        }
        assertThat(ScopeSet.parse(parsed.toParameter())).isEqualTo(parsed);
        if (parsed.scopes().size() == text.split(" ", -1).length) {
            assertThat(parsed.toParameter()).isEqualTo(text);
        }
    }

    /**
     * {@link Scope#grants}: never throws, and a scope always grants itself; {@code *} grants everything. Input: the held
     * scope, a newline, the wanted scope.
     */
    @FuzzTest(maxDuration = "10s")
    void scopeGrants(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String held = newline < 0 ? text : text.substring(0, newline);
        String wanted = newline < 0 ? "" : text.substring(newline + 1);
        if (!Scope.isValidToken(held) || !Scope.isValidToken(wanted)) {
            return;
        }
        Scope a = new Scope(held);
        Scope b = new Scope(wanted);
        assertThat(a.grants(a)).isTrue();
        assertThat(Scope.ALL.grants(b)).isTrue();
        if (a.grants(b) && !a.equals(b)) {
            assertThat(a.isWildcard()).isTrue();
        }
    }

    /** {@link SourceEvent#sequenceOf}: never throws; what it reads is a non-negative sequence found in the text. */
    @FuzzTest(maxDuration = "10s")
    void lastEventId(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Optional<Long> sequence = SourceEvent.sequenceOf(text);
        sequence.ifPresent(value -> {
            assertThat(value).isNotNegative();
            assertThat(text.length()).isLessThanOrEqualTo(40);
            assertThat(Long.parseLong(text.substring(text.indexOf('-') + 1))).isEqualTo(value);
        });
    }

    /**
     * {@link CredentialKind#isWellFormed}: never throws, and accepts only text of its own prefix and length. Input: the
     * text; it is checked against every kind.
     */
    @FuzzTest(maxDuration = "10s")
    void credentialForm(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (CredentialKind kind : CredentialKind.values()) {
            checkForm(kind, text);
        }
    }

    private static void checkForm(CredentialKind kind, String text) {
        if (kind.isWellFormed(text)) {
            assertThat(text).startsWith(kind.prefix()).hasSize(kind.length());
        }
    }
}
