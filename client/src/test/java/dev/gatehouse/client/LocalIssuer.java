package dev.gatehouse.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A stand-in issuer: RSA keys, a JWKS on a {@link StubServer}, and tokens shaped like Gatehouse's. */
final class LocalIssuer implements AutoCloseable {

    static final String ISSUER = "https://issuer.test";

    private final StubServer stub = new StubServer();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile JWKSet published;
    RSAKey key;

    LocalIssuer() {
        key = newKey("k1");
        published = new JWKSet(key.toPublicJWK());
        stub.on("/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            StubServer.respond(exchange, 200, published.toString(true));
        });
    }

    static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String jwksUri() {
        return stub.base() + "/jwks.json";
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    /** Starts signing with a new key, published together with the old one. */
    void rotate(String kid) {
        RSAKey old = key;
        key = newKey(kid);
        published = new JWKSet(List.of(key.toPublicJWK(), old.toPublicJWK()));
    }

    JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(ISSUER).subject("c_1").claim("client_id", "c_1")
                .claim("scope", "sources:read connect:*").claim("workspace_id", "o_1")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).jwtID("j1");
    }

    String token(UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(key, JWSAlgorithm.RS256, new JOSEObjectType("at+jwt"), claims.apply(claims(Instant.now())).build());
    }

    static String sign(RSAKey with, JWSAlgorithm alg, JOSEObjectType typ, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(typ).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stub.close();
    }
}
