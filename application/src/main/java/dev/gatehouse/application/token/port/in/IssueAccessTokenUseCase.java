package dev.gatehouse.application.token.port.in;

import dev.gatehouse.application.oauth.OAuthException;

/**
 * A client exchanges its credentials for a short-lived, scoped access token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>
 */
public interface IssueAccessTokenUseCase {
    /** @throws OAuthException with the RFC 6749 §5.2 error when the request is refused */
    IssuedAccessToken issue(IssueAccessTokenCommand command);
}
