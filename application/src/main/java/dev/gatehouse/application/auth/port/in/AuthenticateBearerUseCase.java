package dev.gatehouse.application.auth.port.in;

import dev.gatehouse.domain.principal.Principal;

/**
 * Resolves the credential of an {@code Authorization: Bearer} header to who is calling: an OAuth access
 * token to its workspace client, an API key to its user.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>
 */
public interface AuthenticateBearerUseCase {
    /** @throws InvalidCredentialException when the credential is unknown, expired, revoked, malformed or forged */
    Principal authenticate(String credential);

    /**
     * Whether a principal authenticated earlier may still act: its token has not expired or been revoked, its
     * key has not been revoked. Cheap enough to ask every second for each open stream.
     */
    boolean isStillValid(Principal principal);
}
