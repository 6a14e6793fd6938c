package dev.gatehouse.domain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OAuthClientTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");
    private final SplittableRandom random = new SplittableRandom(16);
    private final WorkspaceId workspace = WorkspaceId.generate(random);

    @Test
    void registerMakesAnActiveClientWhoseHashMatchesTheSecret() {
        OAuthClient.Registration registration = register(ProjectAccess.all(), "workspace:read");
        OAuthClient client = registration.client();
        String secret = registration.secret().value();

        assertThat(client.secretHash().matches(secret)).isTrue();
        assertThat(client.secretMatches(secret, NOW)).isTrue();
        assertThat(client.secretHash()).isEqualTo(SecretHash.of(secret));
        assertThat(registration.secret().kind()).isEqualTo(CredentialKind.CLIENT_SECRET);
        assertThat(CredentialKind.CLIENT_SECRET.isWellFormed(secret)).isTrue();
        assertThat(CredentialKind.CLIENT_ID.isWellFormed(client.clientId().value())).isTrue();
        assertThat(client.id().value()).startsWith("oc_");
        assertThat(client.workspaceId()).isEqualTo(workspace);
        assertThat(client.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(client.isActive()).isTrue();
        assertThat(client.createdAt()).isEqualTo(NOW);
        assertThat(client.lastUsedAt()).isEmpty();
        assertThat(client.allowedScopes().asStrings()).containsExactly("workspace:read");
    }

    @Test
    void registerGivesEachClientItsOwnCredentials() {
        OAuthClient.Registration a = register(ProjectAccess.all(), "*");
        OAuthClient.Registration b = register(ProjectAccess.all(), "*");

        assertThat(a.client().clientId()).isNotEqualTo(b.client().clientId());
        assertThat(a.client().id()).isNotEqualTo(b.client().id());
        assertThat(a.secret().value()).isNotEqualTo(b.secret().value());
        assertThat(a.client().secretMatches(b.secret().value(), NOW)).isFalse();
    }

    @Test
    void secretMatchesWhenOtherSecretThenFalse() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();

        assertThat(client.secretMatches(CredentialKind.CLIENT_SECRET.generate(random), NOW)).isFalse();
        assertThat(client.secretMatches("", NOW)).isFalse();
    }

    @Test
    void toStringOfRegistrationAndClientHidesTheSecret() {
        OAuthClient.Registration registration = register(ProjectAccess.all(), "*");
        String secret = registration.secret().value();

        assertThat(registration.toString()).doesNotContain(secret);
        assertThat(registration.secret().toString()).doesNotContain(secret);
        assertThat(registration.client().toString()).doesNotContain(secret)
                .doesNotContain(registration.client().secretHash().hex());
    }

    @Test
    void registerKeepsTheProjectRestriction() {
        ProjectId project = ProjectId.generate(random);

        OAuthClient client = register(ProjectAccess.only(List.of(project)), "*").client();

        assertThat(client.projects().isRestricted()).isTrue();
        assertThat(client.projects().permits(project)).isTrue();
    }

    @Test
    void usedAtSetsLastUsedAtAndNothingElse() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();
        Instant later = NOW.plusSeconds(60);

        OAuthClient used = client.usedAt(later);

        assertThat(used.lastUsedAt()).contains(later);
        assertThat(new OAuthClient(used.id(), used.workspaceId(), used.clientId(), used.secretHash(), used.name(),
                used.allowedScopes(), used.projects(), used.createdAt(), Optional.empty(), used.status())).isEqualTo(client);
    }

    @ParameterizedTest
    @EnumSource(ClientStatus.class)
    void isActiveOnlyWhenActive(ClientStatus status) {
        OAuthClient client = withStatus(register(ProjectAccess.all(), "*").client(), status);

        assertThat(client.isActive()).isEqualTo(status == ClientStatus.ACTIVE);
    }

    @Test
    void constructorRejectsAClientWithoutScopes() {
        assertThatThrownBy(() -> OAuthClient.register(workspace, "x", ScopeSet.of(List.<Scope>of()), ProjectAccess.all(), NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRejectsABadName() {
        assertThatThrownBy(() -> OAuthClient.register(workspace, " ", ScopeSet.of("*"), ProjectAccess.all(), NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OAuthClient.register(workspace, "n".repeat(201), ScopeSet.of("*"), ProjectAccess.all(), NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OAuthClient.register(workspace, "n".repeat(200), ScopeSet.of("*"), ProjectAccess.all(), NOW, random)
                .client().name()).hasSize(200);
    }

    private OAuthClient.Registration register(ProjectAccess projects, String... scopes) {
        return OAuthClient.register(workspace, "client", ScopeSet.of(scopes), projects, NOW, random);
    }

    private static OAuthClient withStatus(OAuthClient c, ClientStatus status) {
        return new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), c.name(), c.allowedScopes(),
                c.projects(), c.createdAt(), c.lastUsedAt(), status);
    }
}
