package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.AccessTokenSigner;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs nothing: it hands out tokens of the JWT shape ({@code header.payload.signature}) and remembers the
 * claims of each, so that tests can read what was signed and a {@link FakeAccessTokenVerifier} can read
 * them back.
 */
public final class FakeAccessTokenSigner implements AccessTokenSigner {

    private final List<AccessTokenClaims> signed = new ArrayList<>();
    private final Map<String, AccessTokenClaims> byToken = new ConcurrentHashMap<>();

    @Override
    public synchronized String sign(AccessTokenClaims claims) {
        Objects.requireNonNull(claims, "claims");
        String token = "fakeheader." + signed.size() + "-" + claims.jwtId() + ".fakesignature";
        signed.add(claims);
        byToken.put(token, claims);
        return token;
    }

    /** The claims of every token signed so far, in order. */
    public synchronized List<AccessTokenClaims> signed() {
        return List.copyOf(signed);
    }

    /** The claims of the last token signed. */
    public synchronized AccessTokenClaims last() {
        if (signed.isEmpty()) {
            throw new IllegalStateException("nothing was signed");
        }
        return signed.get(signed.size() - 1);
    }

    Optional<AccessTokenClaims> claimsOf(String token) {
        return Optional.ofNullable(byToken.get(token));
    }
}
