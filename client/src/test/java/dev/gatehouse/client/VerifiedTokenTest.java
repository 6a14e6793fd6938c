package dev.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokenTest {

    private static VerifiedToken withScopes(String... scopes) {
        return new VerifiedToken("c_1", "c_1", Set.of(scopes), "o_1", List.of(), Instant.EPOCH);
    }

    @Test
    void starGrantsEverything() {
        assertThat(withScopes("*").hasScope("connect:projects:read")).isTrue();
        assertThat(withScopes("*").hasScope("*")).isTrue();
        assertThat(withScopes("*").hasScope("audit:read")).isTrue();
    }

    @Test
    void prefixWildcardGrantsEverythingUnderItsPrefixOnly() {
        VerifiedToken token = withScopes("connect:*");
        assertThat(token.hasScope("connect:projects:read")).isTrue();
        assertThat(token.hasScope("connect:actions:*")).isTrue();
        assertThat(token.hasScope("connect")).isFalse();
        assertThat(token.hasScope("connectx:read")).isFalse();
        assertThat(token.hasScope("sources:read")).isFalse();
        assertThat(token.hasScope("*")).isFalse();
    }

    @Test
    void nestedWildcardDoesNotGrantItsParent() {
        VerifiedToken token = withScopes("connect:actions:*");
        assertThat(token.hasScope("connect:actions:run")).isTrue();
        assertThat(token.hasScope("connect:triggers:run")).isFalse();
    }

    @Test
    void plainScopeGrantsOnlyItself() {
        VerifiedToken token = withScopes("sources:read");
        assertThat(token.hasScope("sources:read")).isTrue();
        assertThat(token.hasScope("sources:write")).isFalse();
        assertThat(token.hasScope("sources:*")).isFalse();
    }

    @Test
    void noScopesGrantNothing() {
        assertThat(withScopes().hasScope("workspace:read")).isFalse();
    }
}
