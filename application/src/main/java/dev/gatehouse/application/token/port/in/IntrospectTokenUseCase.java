package dev.gatehouse.application.token.port.in;

import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.util.Optional;

/**
 * A client asks whether a token is live. Only tokens of the client's own workspace are ever reported live.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>
 */
public interface IntrospectTokenUseCase {
    /**
     * The live token's claims, or empty for anything not live (unknown, expired, revoked, malformed, another
     * workspace's).
     *
     * @throws OAuthException {@code invalid_client} when the caller is not an authenticated client, or
     *     {@code invalid_request} when no token is given
     */
    Optional<AccessTokenClaims> introspect(ClientAuthentication authentication, Optional<String> token);
}
