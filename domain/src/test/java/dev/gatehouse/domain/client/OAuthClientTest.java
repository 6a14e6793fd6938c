package dev.gatehouse.domain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
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

    @Test
    void aRegisteredClientStartsAtGenerationAndVersionZeroChangedWhenCreated() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();

        assertThat(client.tokenGeneration()).isZero();
        assertThat(client.version()).isZero();
        assertThat(client.updatedAt()).isEqualTo(NOW);
        assertThat(client.previousSecretHash()).isEmpty();
        assertThat(client.previousSecretExpiresAt()).isEmpty();
    }

    @Test
    void usedAtChangesNeitherVersionNorChangeTime() {
        OAuthClient client = register(ProjectAccess.all(), "*").client().patched(Optional.of("x"), Optional.empty(),
                Optional.empty(), NOW.plusSeconds(1));

        OAuthClient used = client.usedAt(NOW.plusSeconds(30));

        assertThat(used.version()).isEqualTo(1);
        assertThat(used.updatedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void rotatedWithoutGraceReplacesTheSecretAndForgetsTheOldOne() {
        OAuthClient.Registration registration = register(ProjectAccess.all(), "*");
        OAuthClient client = registration.client();
        Instant later = NOW.plusSeconds(60);

        OAuthClient.Registration rotated = client.rotated(Duration.ZERO, false, later, random);

        OAuthClient next = rotated.client();
        assertThat(rotated.secret().kind()).isEqualTo(CredentialKind.CLIENT_SECRET);
        assertThat(rotated.secret().value()).isNotEqualTo(registration.secret().value());
        assertThat(next.secretHash()).isEqualTo(SecretHash.of(rotated.secret().value()));
        assertThat(next.secretMatches(rotated.secret().value(), later)).isTrue();
        assertThat(next.secretMatches(registration.secret().value(), later)).isFalse();
        assertThat(next.previousSecretHash()).isEmpty();
        assertThat(next.previousSecretExpiresAt()).isEmpty();
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.updatedAt()).isEqualTo(later);
        assertThat(next.tokenGeneration()).isZero();
        assertThat(next.id()).isEqualTo(client.id());
        assertThat(next.clientId()).isEqualTo(client.clientId());
        assertThat(next.name()).isEqualTo(client.name());
        assertThat(next.allowedScopes()).isEqualTo(client.allowedScopes());
        assertThat(next.projects()).isEqualTo(client.projects());
        assertThat(next.createdAt()).isEqualTo(client.createdAt());
        assertThat(next.status()).isEqualTo(client.status());
        assertThat(rotated.toString()).doesNotContain(rotated.secret().value());
    }

    @Test
    void rotatedWithGraceAcceptsTheOldSecretUntilJustBeforeTheGraceEnds() {
        OAuthClient.Registration registration = register(ProjectAccess.all(), "*");
        String old = registration.secret().value();
        Instant rotatedAt = NOW.plusSeconds(60);
        Instant end = rotatedAt.plus(Duration.ofHours(1));

        OAuthClient.Registration rotated = registration.client().rotated(Duration.ofHours(1), false, rotatedAt, random);

        OAuthClient next = rotated.client();
        assertThat(next.previousSecretHash()).contains(registration.client().secretHash());
        assertThat(next.previousSecretExpiresAt()).contains(end);
        assertThat(next.secretMatches(old, rotatedAt)).isTrue();
        assertThat(next.secretMatches(old, end.minusNanos(1))).isTrue();
        assertThat(next.secretMatches(old, end)).as("exactly at the expiry").isFalse();
        assertThat(next.secretMatches(old, end.plusSeconds(1))).isFalse();
        assertThat(next.secretMatches(rotated.secret().value(), rotatedAt)).isTrue();
        assertThat(next.secretMatches(rotated.secret().value(), end.plus(Duration.ofDays(30)))).isTrue();
        assertThat(next.secretMatches(CredentialKind.CLIENT_SECRET.generate(random), rotatedAt)).isFalse();
    }

    @Test
    void rotatedAgainKeepsOnlyTheSecretItReplaces() {
        OAuthClient.Registration first = register(ProjectAccess.all(), "*");
        OAuthClient.Registration second = first.client().rotated(Duration.ofHours(1), false, NOW, random);

        OAuthClient.Registration third = second.client().rotated(Duration.ofHours(1), false, NOW.plusSeconds(1), random);

        OAuthClient client = third.client();
        assertThat(client.secretMatches(first.secret().value(), NOW.plusSeconds(2))).isFalse();
        assertThat(client.secretMatches(second.secret().value(), NOW.plusSeconds(2))).isTrue();
        assertThat(client.secretMatches(third.secret().value(), NOW.plusSeconds(2))).isTrue();
        assertThat(client.version()).isEqualTo(2);
    }

    @Test
    void rotatedWithoutGraceDuringAGraceDropsThePreviousSecret() {
        OAuthClient.Registration first = register(ProjectAccess.all(), "*");
        OAuthClient.Registration second = first.client().rotated(Duration.ofHours(1), false, NOW, random);

        OAuthClient third = second.client().rotated(Duration.ZERO, false, NOW.plusSeconds(1), random).client();

        assertThat(third.previousSecretHash()).isEmpty();
        assertThat(third.secretMatches(first.secret().value(), NOW.plusSeconds(2))).isFalse();
        assertThat(third.secretMatches(second.secret().value(), NOW.plusSeconds(2))).isFalse();
    }

    @Test
    void rotatedWithRevokeTokensMovesTheGenerationOn() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();

        OAuthClient next = client.rotated(Duration.ZERO, true, NOW, random).client();
        OAuthClient after = next.rotated(Duration.ofMinutes(5), true, NOW.plusSeconds(1), random).client();

        assertThat(next.tokenGeneration()).isEqualTo(1);
        assertThat(next.acceptsTokenGeneration(0)).isFalse();
        assertThat(next.acceptsTokenGeneration(1)).isTrue();
        assertThat(after.tokenGeneration()).isEqualTo(2);
        assertThat(after.acceptsTokenGeneration(1)).isFalse();
        assertThat(after.acceptsTokenGeneration(2)).isTrue();
    }

    @Test
    void acceptsTokenGenerationOnlyItsOwn() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();

        assertThat(client.acceptsTokenGeneration(0)).isTrue();
        assertThat(client.acceptsTokenGeneration(1)).as("a generation from the future").isFalse();
        assertThat(client.acceptsTokenGeneration(-1)).isFalse();
    }

    @Test
    void rotatedRejectsAGraceOutsideZeroToSevenDays() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();

        assertThatThrownBy(() -> client.rotated(Duration.ofSeconds(-1), false, NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.rotated(Duration.ofDays(7).plusMillis(1), false, NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(client.rotated(Duration.ofDays(7), false, NOW, random).client().previousSecretExpiresAt())
                .contains(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void patchedChangesOnlyTheGivenFieldsAndCountsTheChange() {
        ProjectId project = ProjectId.generate(random);
        OAuthClient client = register(ProjectAccess.all(), "*").client()
                .rotated(Duration.ofHours(1), true, NOW.plusSeconds(1), random).client();
        Instant later = NOW.plusSeconds(90);

        OAuthClient renamed = client.patched(Optional.of("  renamed  "), Optional.empty(), Optional.empty(), later);
        OAuthClient rescoped = client.patched(Optional.empty(), Optional.of(ScopeSet.of("audit:read")),
                Optional.of(ProjectAccess.only(List.of(project))), later);

        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.allowedScopes()).isEqualTo(client.allowedScopes());
        assertThat(renamed.projects()).isEqualTo(client.projects());
        assertThat(rescoped.name()).isEqualTo(client.name());
        assertThat(rescoped.allowedScopes().asStrings()).containsExactly("audit:read");
        assertThat(rescoped.projects()).isEqualTo(ProjectAccess.only(List.of(project)));
        for (OAuthClient patched : List.of(renamed, rescoped)) {
            assertThat(patched.version()).isEqualTo(client.version() + 1);
            assertThat(patched.updatedAt()).isEqualTo(later);
            assertThat(patched.secretHash()).isEqualTo(client.secretHash());
            assertThat(patched.previousSecretHash()).isEqualTo(client.previousSecretHash());
            assertThat(patched.previousSecretExpiresAt()).isEqualTo(client.previousSecretExpiresAt());
            assertThat(patched.tokenGeneration()).isEqualTo(client.tokenGeneration());
            assertThat(patched.status()).isEqualTo(client.status());
            assertThat(patched.createdAt()).isEqualTo(client.createdAt());
        }
    }

    @Test
    void patchedRejectsABadName() {
        OAuthClient client = register(ProjectAccess.all(), "*").client();

        assertThatThrownBy(() -> client.patched(Optional.of(" "), Optional.empty(), Optional.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.patched(Optional.of("n".repeat(201)), Optional.empty(), Optional.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.patched(Optional.empty(), Optional.of(ScopeSet.of(List.<Scope>of())), Optional.empty(),
                NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletedIsATombstoneThatIsNoLongerActive() {
        OAuthClient client = register(ProjectAccess.all(), "*").client()
                .rotated(Duration.ofHours(1), false, NOW, random).client();
        Instant later = NOW.plusSeconds(5);

        OAuthClient deleted = client.deleted(later);

        assertThat(deleted.status()).isEqualTo(ClientStatus.DELETED);
        assertThat(deleted.isActive()).isFalse();
        assertThat(deleted.previousSecretHash()).isEmpty();
        assertThat(deleted.previousSecretExpiresAt()).isEmpty();
        assertThat(deleted.version()).isEqualTo(client.version() + 1);
        assertThat(deleted.updatedAt()).isEqualTo(later);
        assertThat(deleted.id()).isEqualTo(client.id());
        assertThat(deleted.clientId()).isEqualTo(client.clientId());
        assertThat(deleted.tokenGeneration()).isEqualTo(client.tokenGeneration());
    }

    @Test
    void constructorRejectsAPreviousSecretWithoutItsExpiryAndTheReverse() {
        OAuthClient c = register(ProjectAccess.all(), "*").client();

        assertThatThrownBy(() -> new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(),
                Optional.of(c.secretHash()), Optional.empty(), c.name(), c.allowedScopes(), c.projects(), c.createdAt(),
                c.lastUsedAt(), c.status(), 0, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(),
                Optional.empty(), Optional.of(NOW), c.name(), c.allowedScopes(), c.projects(), c.createdAt(),
                c.lastUsedAt(), c.status(), 0, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRejectsANegativeGenerationOrVersion() {
        OAuthClient c = register(ProjectAccess.all(), "*").client();

        assertThatThrownBy(() -> new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), Optional.empty(),
                Optional.empty(), c.name(), c.allowedScopes(), c.projects(), c.createdAt(), c.lastUsedAt(), c.status(), -1, 0, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), Optional.empty(),
                Optional.empty(), c.name(), c.allowedScopes(), c.projects(), c.createdAt(), c.lastUsedAt(), c.status(), 0, -1, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesThePreviousSecretHash() {
        OAuthClient client = register(ProjectAccess.all(), "*").client().rotated(Duration.ofHours(1), false, NOW, random)
                .client();

        assertThat(client.toString()).doesNotContain(client.previousSecretHash().orElseThrow().hex());
    }

    private OAuthClient.Registration register(ProjectAccess projects, String... scopes) {
        return OAuthClient.register(workspace, "client", ScopeSet.of(scopes), projects, NOW, random);
    }

    private static OAuthClient withStatus(OAuthClient c, ClientStatus status) {
        return new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), c.name(), c.allowedScopes(),
                c.projects(), c.createdAt(), c.lastUsedAt(), status);
    }
}
