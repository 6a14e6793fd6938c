package dev.gatehouse.application.token.port.out;

import dev.gatehouse.domain.token.AccessTokenClaims;

/** Signs access tokens with the current signing key. */
public interface AccessTokenSigner {
    /** The compact serialisation of a signed RFC 9068 JWT carrying {@code claims}. */
    String sign(AccessTokenClaims claims);
}
