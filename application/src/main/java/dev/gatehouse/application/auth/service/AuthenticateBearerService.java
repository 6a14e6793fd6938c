package dev.gatehouse.application.auth.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
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
import java.time.Duration;
import java.time.Instant;

/**
 * Tells API keys and access tokens apart by form, then checks each against its store: a key must be live,
 * a token must verify, be within its lifetime, not be revoked, and belong to a client that is still active
 * in the same workspace.
 *
 * <p>Both kinds are cached, with bounded size: a token seen before skips signature verification and the
 * client lookup (its entry is good only until the token's {@code exp}, and revocation is checked on every
 * hit); a key seen before skips the database (its entry is dropped when the key is revoked).
 */
public final class AuthenticateBearerService implements AuthenticateBearerUseCase {

    private static final int MAX_CREDENTIAL_LENGTH = 8192;
    private static final Duration API_KEY_CACHE_TTL = Duration.ofMinutes(5);
    private static final Duration TOKEN_CACHE_TTL = Duration.ofDays(1);

    private final ApiKeyRepository apiKeys;
    private final AccessTokenVerifier verifier;
    private final OAuthClientRepository clients;
    private final CredentialRevocations revocations;
    private final Clock clock;
    private final Cache<TokenKey, Principal.WorkspaceClient> tokenCache;
    private final Cache<SecretHash, Principal.User> keyCache;

    public AuthenticateBearerService(ApiKeyRepository apiKeys, AccessTokenVerifier verifier, OAuthClientRepository clients,
                                     CredentialRevocations revocations, Clock clock, int cacheSize) {
        this.apiKeys = apiKeys;
        this.verifier = verifier;
        this.clients = clients;
        this.revocations = revocations;
        this.clock = clock;
        this.tokenCache = CacheBuilder.newBuilder().maximumSize(cacheSize).expireAfterWrite(TOKEN_CACHE_TTL).build();
        this.keyCache = CacheBuilder.newBuilder().maximumSize(cacheSize).expireAfterWrite(API_KEY_CACHE_TTL).build();
        revocations.onApiKeyRevoked(id -> keyCache.asMap().values().removeIf(user -> user.apiKeyId().equals(id)));
    }

    @Override
    public Principal authenticate(String credential) {
        if (credential == null || credential.isEmpty() || credential.length() > MAX_CREDENTIAL_LENGTH) {
            throw new InvalidCredentialException("the credential is malformed");
        }
        if (credential.startsWith(CredentialKind.API_KEY.prefix())) {
            return apiKey(credential);
        }
        if (countDots(credential) == 2) {
            return accessToken(credential);
        }
        throw new InvalidCredentialException("the credential is neither an API key nor an access token");
    }

    /** The dots of a JWS compact serialization (three parts), counted without a stream: a token is some 900 characters. */
    private static int countDots(String credential) {
        int dots = 0;
        for (int i = credential.indexOf('.'); i >= 0; i = credential.indexOf('.', i + 1)) {
            dots++;
        }
        return dots;
    }

    @Override
    public boolean isStillValid(Principal principal) {
        if (principal instanceof Principal.User user) {
            return !revocations.isApiKeyRevoked(user.apiKeyId());
        }
        Principal.WorkspaceClient client = (Principal.WorkspaceClient) principal;
        return clock.instant().isBefore(client.expiresAt()) && !revocations.isTokenRevoked(client.tokenId())
                && revocations.clientAccepts(client.clientId(), client.tokenGeneration());
    }

    private Principal apiKey(String credential) {
        if (!CredentialKind.API_KEY.isWellFormed(credential)) {
            throw new InvalidCredentialException("the API key is malformed (its checksum does not match)");
        }
        SecretHash hash = SecretHash.of(credential);
        Principal.User cached = keyCache.getIfPresent(hash);
        if (cached != null && !revocations.isApiKeyRevoked(cached.apiKeyId())) {
            return cached;
        }
        ApiKey key = apiKeys.findByHash(hash)
                .filter(k -> k.hash().matches(credential))
                .orElseThrow(() -> new InvalidCredentialException("unknown API key"));
        if (!key.isLive() || revocations.isApiKeyRevoked(key.id())) {
            throw new InvalidCredentialException("the API key has been revoked");
        }
        Principal.User user = new Principal.User(key.userId(), key.id());
        keyCache.put(hash, user);
        return user;
    }

    private Principal accessToken(String credential) {
        Instant now = clock.instant();
        TokenKey key = new TokenKey(credential);
        Principal.WorkspaceClient cached = tokenCache.getIfPresent(key);
        if (cached != null) {
            checkLive(cached, now);
            return cached;
        }
        AccessTokenClaims claims;
        try {
            claims = verifier.verify(credential);
        } catch (AccessTokenVerifier.InvalidAccessTokenException e) {
            throw new InvalidCredentialException(e.getMessage());
        }
        if (now.isBefore(claims.notBefore())) {
            throw new InvalidCredentialException("the access token is not valid yet");
        }
        if (now.isBefore(claims.issuedAt())) {
            throw new InvalidCredentialException("the access token is issued in the future");
        }
        OAuthClient client = clients.findByClientId(claims.clientId())
                .filter(OAuthClient::isActive)
                .filter(c -> c.workspaceId().equals(claims.workspaceId()))
                .orElseThrow(() -> new InvalidCredentialException("the access token's client no longer exists"));
        if (!client.acceptsTokenGeneration(claims.clientGeneration())) {
            throw new InvalidCredentialException("the access token has been revoked");
        }
        ProjectAccess projects = claims.projects().map(ProjectAccess::only).orElse(ProjectAccess.all());
        Principal.WorkspaceClient principal = new Principal.WorkspaceClient(client.clientId(), claims.workspaceId(),
                claims.scope(), projects, claims.jwtId(), claims.expiresAt(), claims.clientGeneration());
        checkLive(principal, now);
        tokenCache.put(key, principal);
        return principal;
    }

    private void checkLive(Principal.WorkspaceClient token, Instant now) {
        if (!now.isBefore(token.expiresAt())) {
            throw new InvalidCredentialException("the access token has expired");
        }
        if (revocations.isTokenRevoked(token.tokenId())) {
            throw new InvalidCredentialException("the access token has been revoked");
        }
        if (!revocations.clientAccepts(token.clientId(), token.tokenGeneration())) {
            throw new InvalidCredentialException("the access token's client was deleted or revoked its tokens");
        }
    }

    /**
     * A token as a cache key: equal only to the same token, character for character, but hashed over its last
     * {@value #HASHED_CHARS} characters, which lie in the signature. A token is some 900 characters and arrives as
     * a new string on every request, so {@link String#hashCode()} would read all of them each time; the cache holds
     * only tokens that verified, and their signatures end in characters that look random.
     */
    static final class TokenKey {

        static final int HASHED_CHARS = 32;

        private final String token;
        private final int hash;

        TokenKey(String token) {
            this.token = token;
            int h = 0;
            for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.hash == hash && key.token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
