package dev.gatehouse.domain.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeSetTest {

    @Test
    void parseKeepsTheOrderGiven() {
        ScopeSet set = ScopeSet.parse("workspace:read connect:proxy audit:read connect:*");

        assertThat(set.asStrings()).containsExactly("workspace:read", "connect:proxy", "audit:read", "connect:*");
    }

    @Test
    void parseOfOneScope() {
        assertThat(ScopeSet.parse("*").asStrings()).containsExactly("*");
    }

    @Test
    void parseDropsRepeatsKeepingTheFirst() {
        assertThat(ScopeSet.parse("b a b c a").asStrings()).containsExactly("b", "a", "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\nb", "a \"b\""})
    void parseRejectsAnythingButScopesSeparatedBySingleSpaces(String value) {
        assertThatThrownBy(() -> ScopeSet.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRejectsNull() {
        assertThatThrownBy(() -> ScopeSet.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toParameterJoinsWithSingleSpacesAndParsesBack() {
        ScopeSet set = ScopeSet.of("sources:read", "connect:apps:*", "audit:read");

        assertThat(set.toParameter()).isEqualTo("sources:read connect:apps:* audit:read");
        assertThat(ScopeSet.parse(set.toParameter()).asStrings()).isEqualTo(set.asStrings());
        assertThat(set).hasToString("sources:read connect:apps:* audit:read");
    }

    @Test
    void fromStringsRejectsAMalformedScope() {
        assertThatThrownBy(() -> ScopeSet.fromStrings(List.of("ok", "not ok"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isEmptyOnlyWithoutScopes() {
        assertThat(ScopeSet.of(List.<Scope>of()).isEmpty()).isTrue();
        assertThat(ScopeSet.of("a").isEmpty()).isFalse();
    }

    @Test
    void grantsWhenAnyHeldScopeGrants() {
        ScopeSet held = ScopeSet.of("workspace:read", "connect:*");

        assertThat(held.grants(new Scope("connect:projects:read"))).isTrue();
        assertThat(held.grants(new Scope("workspace:read"))).isTrue();
        assertThat(held.grants(new Scope("audit:read"))).isFalse();
    }

    @Test
    void coversWhenEveryRequestedScopeIsGranted() {
        ScopeSet held = ScopeSet.of("workspace:read", "connect:*");

        assertThat(held.covers(ScopeSet.of("connect:projects:read", "workspace:read", "connect:actions:x"))).isTrue();
        assertThat(held.covers(ScopeSet.of("connect:projects:read", "audit:read"))).isFalse();
        assertThat(held.covers(ScopeSet.of(List.<Scope>of()))).isTrue();
    }

    @Test
    void coversWhenAllScopesThenEverything() {
        assertThat(ScopeSet.of("*").covers(ScopeSet.of("audit:read", "connect:*", "*"))).isTrue();
    }

    @Test
    void notGrantedListsTheRequestedScopesNotGrantedInRequestOrder() {
        ScopeSet held = ScopeSet.of("workspace:read", "connect:actions:*");

        ScopeSet refused = held.notGranted(ScopeSet.of("sources:write", "connect:actions:x", "audit:read", "workspace:read"));

        assertThat(refused.asStrings()).containsExactly("sources:write", "audit:read");
    }

    @Test
    void notGrantedWhenAllGrantedThenEmpty() {
        assertThat(ScopeSet.of("*").notGranted(ScopeSet.of("a", "b:c")).isEmpty()).isTrue();
    }
}
