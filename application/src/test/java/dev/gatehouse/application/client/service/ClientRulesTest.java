package dev.gatehouse.application.client.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientRulesTest {

    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void scopesKeepsTheCatalogueScopesInOrder() {
        assertThat(ClientRules.scopes(List.of("workspace:read", "connect:actions:*", "*"), ScopeCatalog.standard()).asStrings())
                .containsExactly("workspace:read", "connect:actions:*", "*");
    }

    @Test
    void scopesWhenEmptyThenInvalidInput() {
        assertThatThrownBy(() -> ClientRules.scopes(List.of(), ScopeCatalog.standard()))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "nosuch:scope", "workspace:write"})
    void scopesWhenMalformedOrUnknownThenInvalidInput(String scope) {
        assertThatThrownBy(() -> ClientRules.scopes(List.of("workspace:read", scope), ScopeCatalog.standard()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void scopesWhenAnEntryIsNullThenInvalidInput() {
        assertThatThrownBy(() -> ClientRules.scopes(Arrays.asList("workspace:read", null), ScopeCatalog.standard()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void projectsRestrictsToTheListedIds() {
        ProjectId a = ProjectId.generate(random);
        ProjectId b = ProjectId.generate(random);

        assertThat(ClientRules.projects(List.of(a.value(), b.value()))).isEqualTo(ProjectAccess.only(List.of(a, b)));
    }

    @Test
    void projectsWhenEmptyThenRestrictedToNone() {
        ProjectAccess access = ClientRules.projects(List.of());

        assertThat(access.isRestricted()).isTrue();
        assertThat(access.restrictedTo().orElseThrow()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "proj_", "proj_a-b", "oc_abc", "PROJ_abc"})
    void projectsWhenAnIdIsMalformedThenInvalidInput(String id) {
        assertThatThrownBy(() -> ClientRules.projects(List.of(ProjectId.generate(random).value(), id)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void projectsAcceptsAsManyAsTheLimitAndNoMore() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ClientRules.MAX_PROJECTS; i++) {
            ids.add(ProjectId.generate(random).value());
        }

        assertThat(ClientRules.projects(ids).restrictedTo().orElseThrow()).hasSize(ClientRules.MAX_PROJECTS);

        ids.add(ProjectId.generate(random).value());
        assertThatThrownBy(() -> ClientRules.projects(ids)).isInstanceOf(InvalidInputException.class);
    }
}
