package dev.gatehouse.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccessTokenClaimsTest {

    private static final Instant IAT = Instant.parse("2024-05-01T10:15:30Z");
    private final SplittableRandom random = new SplittableRandom(22);

    @Test
    void constructorRejectsATokenThatDoesNotExpireAfterItIsIssued() {
        assertThatThrownBy(() -> claims(IAT, IAT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claims(IAT, IAT.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isLiveFromNotBeforeUntilJustBeforeExpiry() {
        AccessTokenClaims claims = claims(IAT, IAT.plusSeconds(3600));

        assertThat(claims.isLiveAt(IAT.minusMillis(1))).isFalse();
        assertThat(claims.isLiveAt(IAT)).isTrue();
        assertThat(claims.isLiveAt(IAT.plusSeconds(3599))).isTrue();
        assertThat(claims.isLiveAt(IAT.plusSeconds(3600))).isFalse();
    }

    @Test
    void theShortConstructorGivesGenerationZero() {
        assertThat(claims(IAT, IAT.plusSeconds(60)).clientGeneration()).isZero();
    }

    @Test
    void keepsTheClientGenerationAndRejectsANegativeOne() {
        AccessTokenClaims claims = claims(IAT, IAT.plusSeconds(60));

        assertThat(withGeneration(claims, 7).clientGeneration()).isEqualTo(7);
        assertThatThrownBy(() -> withGeneration(claims, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static AccessTokenClaims withGeneration(AccessTokenClaims c, int generation) {
        return new AccessTokenClaims(c.issuer(), c.audience(), c.clientId(), c.workspaceId(), c.scope(), c.projects(),
                c.issuedAt(), c.notBefore(), c.expiresAt(), c.jwtId(), generation);
    }

    private AccessTokenClaims claims(Instant issuedAt, Instant expiresAt) {
        return new AccessTokenClaims("https://issuer", "https://issuer", new ClientId(CredentialKind.CLIENT_ID.generate(random)),
                WorkspaceId.generate(random), ScopeSet.of("*"), Optional.empty(), issuedAt, issuedAt, expiresAt, "jti");
    }
}
