package dev.gatehouse.application.token.port.in;

import dev.gatehouse.application.oauth.OAuthException;

/**
 * A client revokes an access token of its workspace. Unknown and foreign tokens are accepted silently, as
 * RFC 7009 §2.2 and Pipedream do.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>
 */
public interface RevokeTokenUseCase {
    /** @throws OAuthException {@code invalid_client} or {@code invalid_request} (no token given) */
    void revoke(ClientAuthentication authentication, java.util.Optional<String> token);
}
