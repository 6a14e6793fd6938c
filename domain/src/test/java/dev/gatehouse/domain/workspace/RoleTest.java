package dev.gatehouse.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @Test
    void ownersAndAdminsAdminister() {
        assertThat(Role.OWNER.administers()).isTrue();
        assertThat(Role.ADMIN.administers()).isTrue();
        assertThat(Role.MEMBER.administers()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void wireNameRoundTrips(Role role) {
        assertThat(role.wireName()).isEqualTo(role.name().toLowerCase());
        assertThat(Role.fromWireName(role.wireName())).isEqualTo(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OWNER", "Admin", "guest", " member"})
    void fromWireNameRejectsOtherNames(String name) {
        assertThatThrownBy(() -> Role.fromWireName(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
