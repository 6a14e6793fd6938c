package dev.gatehouse.application.auth.service;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.auth.port.in.AuthenticateBearerUseCase;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.token.port.out.AccessTokenVerifier;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.time.Clock;
import java.time.Instant;

/**
 * Tells API keys and access tokens apart by form, then checks each against its store: a key must be live,
 * a token must verify, be within its lifetime, and belong to a client that is still active in the same
 * workspace.
 */
public final class AuthenticateBearerService implements AuthenticateBearerUseCase {

    private static final int MAX_CREDENTIAL_LENGTH = 8192;

    private final ApiKeyRepository apiKeys;
    private final AccessTokenVerifier verifier;
    private final OAuthClientRepository clients;
    private final Clock clock;

    public AuthenticateBearerService(ApiKeyRepository apiKeys, AccessTokenVerifier verifier, OAuthClientRepository clients, Clock clock) {
        this.apiKeys = apiKeys;
        this.verifier = verifier;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Principal authenticate(String credential) {
        if (credential == null || credential.isEmpty() || credential.length() > MAX_CREDENTIAL_LENGTH) {
            throw new InvalidCredentialException("the credential is malformed");
        }
        if (credential.startsWith(CredentialKind.API_KEY.prefix())) {
            return apiKey(credential);
        }
        if (credential.chars().filter(c -> c == '.').count() == 2) {
            return accessToken(credential);
        }
        throw new InvalidCredentialException("the credential is neither an API key nor an access token");
    }

    private Principal apiKey(String credential) {
        if (!CredentialKind.API_KEY.isWellFormed(credential)) {
            throw new InvalidCredentialException("the API key is malformed (its checksum does not match)");
        }
        SecretHash hash = SecretHash.of(credential);
        ApiKey key = apiKeys.findByHash(hash)
                .filter(k -> k.hash().matches(credential))
                .orElseThrow(() -> new InvalidCredentialException("unknown API key"));
        if (!key.isLive()) {
            throw new InvalidCredentialException("the API key has been revoked");
        }
        return new Principal.User(key.userId(), key.id());
    }

    private Principal accessToken(String credential) {
        AccessTokenClaims claims;
        try {
            claims = verifier.verify(credential);
        } catch (AccessTokenVerifier.InvalidAccessTokenException e) {
            throw new InvalidCredentialException(e.getMessage());
        }
        Instant now = clock.instant();
        if (!now.isBefore(claims.expiresAt())) {
            throw new InvalidCredentialException("the access token has expired");
        }
        if (now.isBefore(claims.notBefore())) {
            throw new InvalidCredentialException("the access token is not valid yet");
        }
        OAuthClient client = clients.findByClientId(claims.clientId())
                .filter(OAuthClient::isActive)
                .filter(c -> c.workspaceId().equals(claims.workspaceId()))
                .orElseThrow(() -> new InvalidCredentialException("the access token's client no longer exists"));
        ProjectAccess projects = claims.projects().map(ProjectAccess::only).orElse(ProjectAccess.all());
        return new Principal.WorkspaceClient(client.clientId(), claims.workspaceId(), claims.scope(), projects,
                claims.jwtId(), claims.expiresAt());
    }
}
