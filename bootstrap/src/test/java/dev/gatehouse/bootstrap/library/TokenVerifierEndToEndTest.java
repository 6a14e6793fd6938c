package dev.gatehouse.bootstrap.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.bootstrap.LibraryServer;
import dev.gatehouse.client.InvalidTokenException;
import dev.gatehouse.client.TokenVerifier;
import dev.gatehouse.client.VerifiedToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client library's {@link TokenVerifier} against tokens of a real Gatehouse. */
class TokenVerifierEndToEndTest {

    @TempDir
    Path dir;

    private static TokenVerifier.Builder verifierFor(LibraryServer server) {
        return TokenVerifier.builder(server.issuer(), server.jwksUri());
    }

    @Test
    void verifyWhenTokenIsRealThenAcceptedWithItsClaims() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1))) {
            String[] client = server.client("[\"sources:read\",\"connect:*\"]");

            VerifiedToken token = verifierFor(server).build().verify(server.token(client));

            assertThat(token.clientId()).isEqualTo(client[0]);
            assertThat(token.subject()).isEqualTo(client[0]);
            assertThat(token.workspaceId()).isEqualTo(server.workspaceId());
            assertThat(token.scopes()).containsExactlyInAnyOrder("sources:read", "connect:*");
            assertThat(token.hasScope("connect:projects:read")).isTrue();
            assertThat(token.hasScope("sources:write")).isFalse();
        }
    }

    @Test
    void verifyWhenSignedByAnotherKeyWithTheSameKidThenRejected() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1))) {
            SignedJWT real = SignedJWT.parse(server.token(server.client("[\"*\"]")));
            RSAKey impostor = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
            SignedJWT forged = new SignedJWT(real.getHeader(), real.getJWTClaimsSet());
            forged.sign(new RSASSASigner(impostor));

            assertThatThrownBy(() -> verifierFor(server).build().verify(forged.serialize()))
                    .isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void verifyWhenExpiredThenRejected() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofSeconds(1))) {
            String token = server.token(server.client("[\"*\"]"));
            TokenVerifier verifier = verifierFor(server).clockSkew(Duration.ZERO).build();
            assertThat(verifier.verify(token)).isNotNull();

            Thread.sleep(2100);

            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("expired");
        }
    }

    @Test
    void verifyWhenTokenIsForAnotherAudienceThenRejected() throws Exception {
        try (LibraryServer ours = LibraryServer.start(dir, Duration.ofHours(1));
                LibraryServer other = LibraryServer.start(dir, Duration.ofHours(1), "https://other.example", Duration.ZERO)) {
            String foreign = other.token(other.client("[\"*\"]"));

            // Keys and issuer of the other server, but our audience: refused for its aud alone.
            assertThatThrownBy(() -> TokenVerifier.builder(other.issuer(), other.jwksUri()).audience(ours.issuer())
                    .build().verify(foreign))
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
            assertThatThrownBy(() -> verifierFor(ours).build().verify(foreign)).isInstanceOf(InvalidTokenException.class);
            assertThat(TokenVerifier.builder(other.issuer(), other.jwksUri()).build().verify(foreign)).isNotNull();
        }
    }

    @Test
    void verifyWhenTypIsNotAtJwtThenRejected() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1))) {
            SignedJWT real = SignedJWT.parse(server.token(server.client("[\"*\"]")));
            JWSHeader plain = new JWSHeader.Builder(real.getHeader()).type(JOSEObjectType.JWT).build();
            String[] parts = real.serialize().split("\\.");
            String retyped = plain.toBase64URL() + "." + parts[1] + "." + parts[2];
            assertThat(Base64URL.from(parts[2])).isNotNull();

            assertThatThrownBy(() -> verifierFor(server).build().verify(retyped))
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("typ");
        }
    }

    @Test
    void verifyWhenSigningKeyRotatesThenNewAndOldTokensAreAccepted() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1), null, Duration.ofSeconds(3))) {
            String[] client = server.client("[\"*\"]");
            TokenVerifier verifier = verifierFor(server).jwksRefetchInterval(Duration.ofSeconds(1)).build();
            String first = server.token(client);
            verifier.verify(first);

            Set<String> kids = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && kids.size() < 2) {
                String token = server.token(client);
                assertThat(verifier.verify(token).clientId()).isEqualTo(client[0]);
                kids.add(SignedJWT.parse(token).getHeader().getKeyID());
                Thread.sleep(200);
            }
            assertThat(kids).as("a rotation happened").hasSizeGreaterThanOrEqualTo(2);
            assertThat(verifier.verify(first).clientId()).isEqualTo(client[0]);
        }
    }

    @Test
    void verifyWhenIntrospectionConfiguredThenRevocationIsImmediate() throws Exception {
        try (LibraryServer server = LibraryServer.start(dir, Duration.ofHours(1))) {
            String[] caller = server.client("[\"*\"]");
            String[] resourceServer = server.client("[\"workspace:read\"]");
            TokenVerifier verifier = verifierFor(server)
                    .introspection(server.base() + "/v1/oauth/introspect", resourceServer[0], resourceServer[1]).build();
            String token = server.token(caller);
            assertThat(verifier.verify(token)).isNotNull();

            assertThat(server.revoke(token, caller)).isEqualTo(200);

            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("not active");
        }
    }
}
