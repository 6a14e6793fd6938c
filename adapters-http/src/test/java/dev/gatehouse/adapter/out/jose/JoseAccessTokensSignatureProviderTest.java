package dev.gatehouse.adapter.out.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.token.service.SigningKeySchedule;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JoseAccessTokens#signWith}: which provider signs, across key rotation and when a provider fails. */
class JoseAccessTokensSignatureProviderTest {

    private static final String ISSUER = "https://auth.gatehouse.test";

    private static final SplittableRandom RANDOM = new SplittableRandom(29);
    private static final ClientId CLIENT = new ClientId(CredentialKind.CLIENT_ID.generate(RANDOM));
    private static final WorkspaceId WORKSPACE = WorkspaceId.generate(RANDOM);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Stores stores;
    private JoseAccessTokens tokens;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        tokens = JoseAccessTokens.loadOrCreate(stores.signingKeys(), new SigningKeySchedule(Duration.ofDays(1)), ISSUER, clock);
    }

    @Test
    void theJdkSignsUntilAProviderIsChosen() throws Exception {
        assertThat(tokens.signatureProvider()).isEqualTo("the JDK's provider");
        assertVerifies(tokens.sign(claims("jti-1")));
    }

    @Test
    void conscryptSignsTokensThatVerifyHereAndWithThePublishedKey() throws Exception {
        assumeTrue(RsaSignersTest.conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");
        tokens.signWith(RsaSigners.conscrypt());

        String token = tokens.sign(claims("jti-2"));

        assertThat(tokens.signatureProvider()).startsWith("Conscrypt ");
        assertThat(((RSASSASigner) tokens.currentSigner()).getJCAContext().getProvider().getName()).isEqualTo("Conscrypt");
        assertThat(tokens.verify(token)).isEqualTo(claims("jti-2"));
        assertVerifies(token);
    }

    @Test
    void theChosenProviderSignsWithTheNextKeyAfterARotation() throws Exception {
        assumeTrue(RsaSignersTest.conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");
        tokens.signWith(RsaSigners.conscrypt());
        String before = SignedJWT.parse(tokens.sign(claims("jti-3"))).getHeader().getKeyID();
        clock.advance(Duration.ofMinutes(1));
        stores.signingKeys().add(tokens.generate(clock.instant()));

        tokens.reload();
        String token = tokens.sign(claims("jti-4"));

        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isNotEqualTo(before);
        assertThat(tokens.signatureProvider()).startsWith("Conscrypt ");
        assertThat(((RSASSASigner) tokens.currentSigner()).getJCAContext().getProvider().getName()).isEqualTo("Conscrypt");
        assertVerifies(token);
    }

    @Test
    void aProviderWhoseSignaturesDoNotVerifyLeavesTheJdkSigning() throws Exception {
        tokens.signWith(RsaSigners.of(new RsaSignersTest.WrongSignatures(), "Wrong"));

        String token = tokens.sign(claims("jti-5"));

        assertThat(tokens.signatureProvider()).isEqualTo("the JDK's provider");
        assertVerifies(token);
    }

    @Test
    void signsWithWhenTheProviderSignsThenTrueAndWhenTheJdkStandsInThenFalse() {
        RsaSigners wrong = RsaSigners.of(new RsaSignersTest.WrongSignatures(), "Wrong");
        RsaSigners sound = RsaSigners.of(new RsaSignersTest.FailsAfterFirst(), "FailsAfterFirst");

        tokens.signWith(wrong);
        assertThat(tokens.signsWith(wrong)).isFalse();
        assertThat(tokens.signsWith(RsaSigners.jdk())).isTrue();

        tokens.signWith(sound);
        assertThat(tokens.signsWith(sound)).isTrue();
        assertThat(tokens.signsWith(RsaSigners.jdk())).isFalse();
    }

    /** A provider that fails once it signs tokens: the token is signed again by the JDK, which signs from then on. */
    @Test
    void aProviderThatFailsWhileSigningIsReplacedByTheJdk() throws Exception {
        tokens.signWith(RsaSigners.of(new RsaSignersTest.FailsAfterFirst(), "FailsAfterFirst"));
        assertThat(tokens.signatureProvider()).isEqualTo("FailsAfterFirst");

        String first = tokens.sign(claims("jti-7"));
        String second = tokens.sign(claims("jti-8"));

        assertThat(tokens.signatureProvider()).isEqualTo("the JDK's provider");
        assertThat(((RSASSASigner) tokens.currentSigner()).getJCAContext().getProvider()).isNull();
        assertVerifies(first);
        assertVerifies(second);
        assertThat(RsaSignersTest.FailsAfterFirst.SIGNED.get()).isEqualTo(2);
    }

    @Test
    void theJdkCanBeChosenAgain() throws Exception {
        assumeTrue(RsaSignersTest.conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");
        tokens.signWith(RsaSigners.conscrypt());
        tokens.signWith(RsaSigners.jdk());

        assertThat(tokens.signatureProvider()).isEqualTo("the JDK's provider");
        assertThat(((RSASSASigner) tokens.currentSigner()).getJCAContext().getProvider()).isNull();
        assertVerifies(tokens.sign(claims("jti-6")));
    }

    /** The signature verifies with the JDK's verifier and the key the JWKS publishes for the token's kid. */
    private void assertVerifies(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey published = (RSAKey) JWKSet.parse(tokens.toJwks()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).isNotNull();
        assertThat(published.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
    }

    private AccessTokenClaims claims(String jti) {
        Instant now = clock.instant();
        return new AccessTokenClaims(ISSUER, ISSUER, CLIENT, WORKSPACE,
                ScopeSet.parse("workspace:read"), Optional.empty(), now, now, now.plus(Duration.ofMinutes(10)), jti, 0);
    }
}
