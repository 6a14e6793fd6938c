package dev.gatehouse.domain.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeCatalogTest {

    private final ScopeCatalog catalog = ScopeCatalog.standard();

    @ParameterizedTest
    @ValueSource(strings = {"*", "connect:*", "connect:actions:*", "connect:triggers:*", "connect:accounts:read",
            "connect:accounts:write", "connect:deployed_triggers:read", "connect:deployed_triggers:write",
            "connect:users:read", "connect:users:write", "connect:projects:read", "connect:projects:write",
            "connect:usage:read", "connect:tokens:create", "connect:proxy", "connect:workflow:invoke", "connect:apps:*",
            "workspace:read", "sources:read", "sources:write", "audit:read"})
    void standardKnowsEveryCatalogueEntry(String scope) {
        assertThat(catalog.isKnown(new Scope(scope))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect:actions:foo", "connect:actions:slack-send_message", "connect:triggers:github-new-issue",
            "connect:apps:github", "connect:actions:a:b"})
    void standardKnowsMembersOfOpenFamilies(String scope) {
        assertThat(catalog.isKnown(new Scope(scope))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect:nosuch", "nosuch:scope", "connect", "connect:", "connect:actions", "connect:apps",
            "connect:projects", "connect:projects:*", "connect:proxy:x", "workspace:write", "sources:*", "connectx:y",
            "Connect:proxy", "**"})
    void standardDoesNotKnowOtherScopes(String scope) {
        assertThat(catalog.isKnown(new Scope(scope))).isFalse();
    }

    @Test
    void withRegistersMoreScopes() {
        ScopeCatalog extended = catalog.with(List.of(new Scope("billing:read"), new Scope("reports:*")));

        assertThat(extended.isKnown(new Scope("billing:read"))).isTrue();
        assertThat(extended.isKnown(new Scope("reports:*"))).isTrue();
        assertThat(extended.isKnown(new Scope("workspace:read"))).isTrue();
        assertThat(extended.isKnown(new Scope("billing:write"))).isFalse();
        assertThat(catalog.isKnown(new Scope("billing:read"))).isFalse();
    }

    @Test
    void withOfAWildcardBelowTheTopLevelOpensAFamily() {
        ScopeCatalog extended = catalog.with(List.of(new Scope("reports:daily:*")));

        assertThat(extended.isKnown(new Scope("reports:daily:sales"))).isTrue();
        assertThat(extended.isKnown(new Scope("reports:weekly"))).isFalse();
    }

    @Test
    void unknownListsTheUnknownScopesInOrder() {
        ScopeSet set = ScopeSet.of("nosuch:b", "workspace:read", "connect:nosuch", "connect:actions:x", "nosuch:a");

        assertThat(catalog.unknown(set).asStrings()).containsExactly("nosuch:b", "connect:nosuch", "nosuch:a");
    }

    @Test
    void unknownWhenAllKnownThenEmpty() {
        assertThat(catalog.unknown(ScopeSet.of("*", "connect:apps:slack")).isEmpty()).isTrue();
    }
}
