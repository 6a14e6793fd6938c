package dev.gatehouse.application.token.port.out;

import dev.gatehouse.domain.token.AccessTokenClaims;

/**
 * Checks an access token's form, type, signature, issuer and audience, and reads its claims. Time is
 * checked by the caller against its own clock.
 */
public interface AccessTokenVerifier {

    /** @throws InvalidAccessTokenException when the token is not one of ours */
    AccessTokenClaims verify(String token);

    /** Why a presented token is not a valid access token; the message is safe to show the caller. */
    final class InvalidAccessTokenException extends RuntimeException {
        public InvalidAccessTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
