package dev.gatehouse.application.token.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.application.token.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.token.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.token.port.out.AccessTokenVerifier;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Introspection and revocation of access tokens, for the authenticated clients of the token's workspace.
 * A token of another workspace is reported inactive and its revocation is ignored, so that neither endpoint
 * tells a client anything about other workspaces.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>
 */
public final class TokenRevocationService implements IntrospectTokenUseCase, RevokeTokenUseCase {

    private static final int MAX_TOKEN_LENGTH = 8192;

    private final ClientAuthenticator authenticator;
    private final AccessTokenVerifier verifier;
    private final OAuthClientRepository clients;
    private final CredentialRevocations revocations;
    private final AuditLog audit;
    private final Clock clock;

    public TokenRevocationService(ClientAuthenticator authenticator, AccessTokenVerifier verifier, OAuthClientRepository clients,
                                  CredentialRevocations revocations, AuditLog audit, Clock clock) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.clients = clients;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<AccessTokenClaims> introspect(ClientAuthentication authentication, Optional<String> token) {
        OAuthClient caller = authenticator.authenticate(authentication);
        Instant now = clock.instant();
        return ownWorkspaceToken(caller, requireToken(token))
                .filter(claims -> claims.isLiveAt(now))
                .filter(claims -> !revocations.isTokenRevoked(claims.jwtId()))
                .filter(claims -> clients.findByClientId(claims.clientId()).filter(OAuthClient::isActive)
                        .filter(c -> c.acceptsTokenGeneration(claims.clientGeneration())).isPresent());
    }

    @Override
    public void revoke(ClientAuthentication authentication, Optional<String> token) {
        OAuthClient caller = authenticator.authenticate(authentication);
        Optional<AccessTokenClaims> claims = ownWorkspaceToken(caller, requireToken(token));
        if (claims.isEmpty() || revocations.isTokenRevoked(claims.get().jwtId())) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AccessTokenClaims revoked = claims.get();
        revocations.revokeToken(new RevokedToken(revoked.jwtId(), revoked.clientId(), revoked.expiresAt(), now));
        audit.record(new AuditEvent.AccessTokenRevoked(revoked.workspaceId(), caller.clientId(), revoked.clientId(),
                revoked.jwtId(), now));
    }

    private static String requireToken(Optional<String> token) {
        if (token.isEmpty() || token.get().isEmpty()) {
            throw new OAuthException(OAuthErrorCode.INVALID_REQUEST, "token is required");
        }
        return token.get();
    }

    /** The token's claims if it is a genuine token of the caller's workspace (even if expired or revoked). */
    private Optional<AccessTokenClaims> ownWorkspaceToken(OAuthClient caller, String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            AccessTokenClaims claims = verifier.verify(token);
            return claims.workspaceId().equals(caller.workspaceId()) ? Optional.of(claims) : Optional.empty();
        } catch (AccessTokenVerifier.InvalidAccessTokenException e) {
            return Optional.empty();
        }
    }
}
