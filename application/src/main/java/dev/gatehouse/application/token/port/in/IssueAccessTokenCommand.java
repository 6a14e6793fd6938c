package dev.gatehouse.application.token.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A token request: the grant type, the client's credentials, and the optional {@code scope} and RFC 8707
 * {@code resource} parameters, as sent.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2">RFC 6749 §4.4.2</a>
 */
public record IssueAccessTokenCommand(
        Optional<String> grantType, ClientAuthentication authentication, Optional<String> scope, Optional<String> resource) {
    public IssueAccessTokenCommand {
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(resource, "resource");
    }
}
