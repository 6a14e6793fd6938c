package dev.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private final LocalIssuer issuer = new LocalIssuer();

    @AfterEach
    void stop() {
        issuer.close();
    }

    private TokenVerifier.Builder verifier() {
        return TokenVerifier.builder(LocalIssuer.ISSUER, issuer.jwksUri());
    }

    @Test
    void verifyWhenTokenIsValidThenClaimsAreReturned() {
        VerifiedToken token = verifier().build().verify(issuer.token(c -> c.claim("projects", List.of("proj_1"))));

        assertThat(token.subject()).isEqualTo("c_1");
        assertThat(token.clientId()).isEqualTo("c_1");
        assertThat(token.workspaceId()).isEqualTo("o_1");
        assertThat(token.scopes()).containsExactlyInAnyOrder("sources:read", "connect:*");
        assertThat(token.projects()).containsExactly("proj_1");
        assertThat(token.hasScope("connect:projects:read")).isTrue();
        assertThat(token.hasScope("sources:write")).isFalse();
    }

    @Test
    void verifyWhenTypIsNotAtJwtThenRejected() {
        String plainJwt = LocalIssuer.sign(issuer.key, JWSAlgorithm.RS256, JOSEObjectType.JWT,
                issuer.claims(Instant.now()).build());

        assertThatThrownBy(() -> verifier().build().verify(plainJwt)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("typ");
    }

    @Test
    void verifyWhenAlgorithmNotAllowedThenRejected() {
        String rs384 = LocalIssuer.sign(issuer.key, JWSAlgorithm.RS384, new JOSEObjectType("at+jwt"),
                issuer.claims(Instant.now()).build());

        assertThatThrownBy(() -> verifier().build().verify(rs384)).isInstanceOf(InvalidTokenException.class);
        assertThat(verifier().algorithms("RS256", "RS384").build().verify(rs384).subject()).isEqualTo("c_1");
    }

    @Test
    void verifyWhenSignedByAnotherKeyWithTheSameKidThenRejected() {
        RSAKey impostor = LocalIssuer.newKey(issuer.key.getKeyID());
        String forged = LocalIssuer.sign(impostor, JWSAlgorithm.RS256, new JOSEObjectType("at+jwt"),
                issuer.claims(Instant.now()).build());

        assertThatThrownBy(() -> verifier().build().verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void verifyWhenAudienceOrIssuerDifferThenRejected() {
        TokenVerifier verifier = verifier().build();

        assertThatThrownBy(() -> verifier.verify(issuer.token(c -> c.audience("https://elsewhere"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> verifier.verify(issuer.token(c -> c.issuer("https://elsewhere"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("issuer");
        assertThat(verifier().audience("https://api.test").build()
                .verify(issuer.token(c -> c.audience(List.of("https://api.test"))))).isNotNull();
    }

    @Test
    void verifyWhenExpiredThenRejectedBeyondTheSkewOnly() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String token = issuer.token(c -> c.expirationTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(60))));
        MutableClock clock = new MutableClock(now.plusSeconds(29));
        TokenVerifier verifier = verifier().clock(clock).build();

        assertThat(verifier.verify(token)).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void verifyWhenNotYetValidThenRejectedBeyondTheSkewOnly() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String token = issuer.token(c -> c.notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))));

        assertThat(verifier().clock(new MutableClock(now.minusSeconds(5))).clockSkew(Duration.ofSeconds(10)).build()
                .verify(token)).isNotNull();
        assertThatThrownBy(() -> verifier().clock(new MutableClock(now.minusSeconds(11)))
                .clockSkew(Duration.ofSeconds(10)).build().verify(token))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("not valid yet");
    }

    @Test
    void verifyWhenKidIsUnknownThenJwksIsFetchedAgainAtMostOncePerInterval() {
        TokenVerifier verifier = verifier().jwksCacheTtl(Duration.ofMinutes(30)).jwksRefetchInterval(Duration.ofMinutes(10))
                .build();
        verifier.verify(issuer.token(c -> c));
        int afterFirst = issuer.jwksFetches();

        issuer.rotate("k2");
        assertThat(verifier.verify(issuer.token(c -> c)).subject()).isEqualTo("c_1");
        int afterRotation = issuer.jwksFetches();
        assertThat(afterRotation).isEqualTo(afterFirst + 1);

        String unknownKid = LocalIssuer.sign(LocalIssuer.newKey("k-unknown"), JWSAlgorithm.RS256,
                new JOSEObjectType("at+jwt"), issuer.claims(Instant.now()).build());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> verifier.verify(unknownKid)).isInstanceOf(InvalidTokenException.class);
        }
        assertThat(issuer.jwksFetches()).as("unknown kids do not hammer the JWKS").isLessThanOrEqualTo(afterRotation + 1);
    }

    @Test
    void verifyWhenNotAJwtThenRejected() {
        TokenVerifier verifier = verifier().build();

        assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void verifyWhenIntrospectionSaysInactiveThenRejected() {
        try (StubServer introspection = new StubServer()) {
            introspection.on("/introspect", exchange -> {
                String form = StubServer.body(exchange);
                StubServer.respond(exchange, 200, form.contains("token=") && exchange.getRequestHeaders()
                        .getFirst("Authorization").startsWith("Basic ") ? "{\"active\":false}" : "{}");
            });
            TokenVerifier verifier = verifier().introspection(introspection.base() + "/introspect", "c_rs", "secret")
                    .build();

            assertThatThrownBy(() -> verifier.verify(issuer.token(c -> c))).isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("not active");
        }
    }

    @Test
    void verifyWhenIntrospectionSaysActiveThenAccepted() {
        try (StubServer introspection = new StubServer()) {
            introspection.on("/introspect", exchange -> StubServer.respond(exchange, 200, "{\"active\":true}"));
            TokenVerifier verifier = verifier().introspection(introspection.base() + "/introspect", "c_rs", "secret")
                    .build();

            assertThat(verifier.verify(issuer.token(c -> c)).subject()).isEqualTo("c_1");
        }
    }
}
