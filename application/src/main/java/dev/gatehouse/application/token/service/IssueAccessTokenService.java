package dev.gatehouse.application.token.service;

import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.IssueAccessTokenUseCase;
import dev.gatehouse.application.token.port.in.IssuedAccessToken;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.port.out.AccessTokenSigner;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client credentials grant: authenticates the client, narrows the scope and signs an RFC 9068 token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068</a>
 */
public final class IssueAccessTokenService implements IssueAccessTokenUseCase {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final int JTI_LENGTH = 22;

    private final ClientAuthenticator authenticator;
    private final LastUsedTracker lastUsed;
    private final AccessTokenSigner signer;
    private final ScopeCatalog catalog;
    private final TokenPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final TokenReuse reuse;

    public IssueAccessTokenService(ClientAuthenticator authenticator, LastUsedTracker lastUsed, AccessTokenSigner signer,
                                   ScopeCatalog catalog, TokenPolicy policy, Clock clock, RandomGenerator random) {
        this(authenticator, lastUsed, signer, catalog, policy, clock, random, TokenReuse.off());
    }

    /** With {@code reuse} on, a client asking again for the same scope and audience gets its still-fresh token. */
    public IssueAccessTokenService(ClientAuthenticator authenticator, LastUsedTracker lastUsed, AccessTokenSigner signer,
                                   ScopeCatalog catalog, TokenPolicy policy, Clock clock, RandomGenerator random,
                                   TokenReuse reuse) {
        this.authenticator = authenticator;
        this.lastUsed = lastUsed;
        this.signer = signer;
        this.catalog = catalog;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.reuse = reuse;
    }

    @Override
    public IssuedAccessToken issue(IssueAccessTokenCommand command) {
        String grantType = command.grantType()
                .orElseThrow(() -> new OAuthException(OAuthErrorCode.INVALID_REQUEST, "grant_type is required"));
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new OAuthException(OAuthErrorCode.UNSUPPORTED_GRANT_TYPE, "the only supported grant_type is client_credentials");
        }
        OAuthClient client = authenticator.authenticate(command.authentication());
        ScopeSet granted = grant(client, command.scope());
        String audience = audience(command.resource());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<IssuedAccessToken> reused = reuse.reusable(client, granted.toParameter(), audience, now);
        if (reused.isPresent()) {
            lastUsed.used(client.id(), now);
            return reused.get();
        }
        AccessTokenClaims claims = new AccessTokenClaims(policy.issuer(), audience, client.clientId(), client.workspaceId(),
                granted, client.projects().restrictedTo(), now, now, now.plus(policy.ttl()),
                Base62.random(random, JTI_LENGTH), client.tokenGeneration());
        String token = signer.sign(claims);
        reuse.remember(client, audience, claims, token);
        lastUsed.used(client.id(), now);
        return new IssuedAccessToken(token, now, policy.ttl().toSeconds(), granted);
    }

    private ScopeSet grant(OAuthClient client, Optional<String> requested) {
        if (requested.isEmpty() || requested.get().isEmpty()) {
            return client.allowedScopes();
        }
        ScopeSet scopes;
        try {
            scopes = ScopeSet.parse(requested.get());
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthErrorCode.INVALID_SCOPE, "scope must be scope tokens separated by single spaces");
        }
        ScopeSet unknown = catalog.unknown(scopes);
        if (!unknown.isEmpty()) {
            throw new OAuthException(OAuthErrorCode.INVALID_SCOPE, "unknown scope: " + unknown.toParameter());
        }
        ScopeSet refused = client.allowedScopes().notGranted(scopes);
        if (!refused.isEmpty()) {
            throw new OAuthException(OAuthErrorCode.INVALID_SCOPE, "the client is not allowed the scope: " + refused.toParameter());
        }
        return scopes;
    }

    /** RFC 8707: the only resource this server serves is its own API, named by the issuer URL. */
    private String audience(Optional<String> resource) {
        if (resource.isEmpty() || resource.get().isEmpty() || resource.get().equals(policy.issuer())) {
            return policy.issuer();
        }
        throw new OAuthException(OAuthErrorCode.INVALID_TARGET, "resource is not a resource this server issues tokens for");
    }
}
