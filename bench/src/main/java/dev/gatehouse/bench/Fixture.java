package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.jose.JoseAccessTokens;
import dev.gatehouse.adapter.out.jose.RsaSigners;
import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.service.ClientAuthenticator;
import dev.gatehouse.application.token.service.IssueAccessTokenService;
import dev.gatehouse.application.token.service.LastUsedTracker;
import dev.gatehouse.application.token.service.SigningKeySchedule;
import dev.gatehouse.application.token.service.TokenReuse;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The server's token and bearer services wired as {@code Gatehouse} wires them, but on the in-memory stores
 * of the application's test-jar: the real RS256 signer and verifier, the real caches.
 */
final class Fixture {

    static final String ISSUER = "http://127.0.0.1:8080";
    static final Duration TTL = Duration.ofHours(1);

    final Clock clock = Clock.systemUTC();
    final Stores stores = InMemoryStores.create();
    final TestData data = new TestData(new SplittableRandom(42));
    /** Signs as the server does by default: with Conscrypt where it loads (--signature-provider auto). */
    final JoseAccessTokens tokens;
    /** The same keys, signed with the JDK's provider (--signature-provider jdk). */
    final JoseAccessTokens jdkTokens;
    final CredentialRevocations revocations;
    final Workspace workspace;
    final OAuthClient.Registration client;
    final ApiKey.Issued apiKey;

    Fixture(int extraClients) {
        tokens = JoseAccessTokens.loadOrCreate(stores.signingKeys(), new SigningKeySchedule(Duration.ofDays(1)), ISSUER, clock);
        tokens.signWith(RsaSigners.load(RsaSigners.Choice.AUTO,
                unavailable -> System.err.println("Conscrypt is not available, the JDK signs: " + unavailable.getMessage())));
        jdkTokens = JoseAccessTokens.loadOrCreate(stores.signingKeys(), new SigningKeySchedule(Duration.ofDays(1)), ISSUER, clock);
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        workspace = data.addWorkspace(stores, clock.instant());
        for (int i = 0; i < extraClients; i++) {
            stores.clients().add(data.registration(workspace.id(), clock.instant(), "workspace:read").client());
        }
        client = data.registration(workspace.id(), clock.instant(), "workspace:read", "sources:read");
        stores.clients().add(client.client());
        User user = data.addMember(stores, workspace.id(), Role.OWNER);
        apiKey = data.apiKey(user.id(), clock.instant());
        stores.apiKeys().save(apiKey.key());
    }

    /** The bearer check with a cache of {@code cacheSize} (0: every call verifies and looks up again). */
    AuthenticateBearerService bearer(int cacheSize) {
        return new AuthenticateBearerService(stores.apiKeys(), tokens, stores.clients(), revocations, clock, cacheSize);
    }

    /** The token endpoint's use case, with token reuse on or off. */
    IssueAccessTokenService issuer(boolean reuse) {
        AuthenticationFailureAggregator failures = new AuthenticationFailureAggregator(stores.audit(), clock);
        return new IssueAccessTokenService(new ClientAuthenticator(stores.clients(), failures, clock),
                new LastUsedTracker(stores.clients()), tokens, ScopeCatalog.standard(), new TokenPolicy(ISSUER, TTL), clock,
                new SecureRandom(), reuse ? new TokenReuse(revocations, TTL, 10_000) : TokenReuse.off());
    }

    IssueAccessTokenCommand tokenRequest() {
        ClientAuthentication basic = new ClientAuthentication(ClientAuthentication.Method.BASIC,
                Optional.of(client.client().clientId().value()), Optional.of(client.secret().value()));
        return new IssueAccessTokenCommand(Optional.of("client_credentials"), basic, Optional.of("workspace:read"),
                Optional.empty());
    }
}
