package dev.gatehouse.application.token.service;

import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.credential.SecretHash;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authenticates a client at the OAuth endpoints. A wrong secret, an unknown, deleted or disabled client
 * all fail with the same {@code invalid_client} answer, and each path hashes the presented secret twice
 * (against the current and the previous secret), so that the answer's timing does not tell them apart.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3">RFC 6749 §2.3</a>
 */
public final class ClientAuthenticator {

    static final String FAILED = "client authentication failed";
    private static final SecretHash NO_CLIENT = SecretHash.of("no client has this secret");

    private final Function<ClientId, Optional<OAuthClient>> clients;
    private final AuthenticationFailureAggregator failures;
    private final Clock clock;

    /** Reads the client from {@code clients} on every request. */
    public ClientAuthenticator(OAuthClientRepository clients, AuthenticationFailureAggregator failures, Clock clock) {
        this.clients = clients::findByClientId;
        this.failures = failures;
        this.clock = clock;
    }

    /** Reads the client through {@code recent}, which remembers it for a second unless it changes. */
    public ClientAuthenticator(RecentClients recent, AuthenticationFailureAggregator failures, Clock clock) {
        this.clients = recent::findByClientId;
        this.failures = failures;
        this.clock = clock;
    }

    /** @throws OAuthException {@code invalid_client} unless the credentials name an active client */
    public OAuthClient authenticate(ClientAuthentication authentication) {
        if (authentication.method() == ClientAuthentication.Method.NONE || authentication.clientId().isEmpty()) {
            throw new OAuthException(OAuthErrorCode.INVALID_CLIENT, "client authentication is required");
        }
        String presentedId = authentication.clientId().get();
        String secret = authentication.secret().orElse("");
        Optional<OAuthClient> found = ClientId.isWellFormed(presentedId)
                ? clients.apply(new ClientId(presentedId))
                : Optional.empty();
        boolean matches;
        if (found.isPresent()) {
            matches = found.get().secretMatches(secret, clock.instant());
        } else {
            // the same two hash comparisons a known client's check makes (current and previous secret)
            NO_CLIENT.matches(secret);
            NO_CLIENT.matches(secret);
            matches = false;
        }
        if (found.isPresent() && matches && found.get().isActive()) {
            return found.get();
        }
        found.filter(c -> !matches).ifPresent(c -> failures.failed(c.workspaceId(), c.clientId()));
        throw new OAuthException(OAuthErrorCode.INVALID_CLIENT, FAILED);
    }
}
