package dev.gatehouse.application.auth.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.apikey.service.RevokeApiKeyService;
import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.FakeAccessTokenVerifier;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.port.out.AccessTokenVerifier;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.application.token.service.ClientAuthenticator;
import dev.gatehouse.application.token.service.IssueAccessTokenService;
import dev.gatehouse.application.token.service.LastUsedTracker;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateBearerServiceTest {

    private static final String ISSUER = "https://auth.gatehouse.test";
    private static final Duration TTL = Duration.ofHours(1);

    private final TestData data = new TestData(new SplittableRandom(4));
    private final MutableClock clock = new MutableClock(T0);
    private final FakeAccessTokenSigner signer = new FakeAccessTokenSigner();
    private Stores stores;
    private CountingVerifier verifier;
    private CountingApiKeyRepository apiKeys;
    private CredentialRevocations revocations;
    private AuthenticateBearerService service;
    private IssueAccessTokenService tokens;
    private RevokeApiKeyService revokeApiKey;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        verifier = new CountingVerifier(new FakeAccessTokenVerifier(signer));
        apiKeys = new CountingApiKeyRepository(stores.apiKeys());
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        service = new AuthenticateBearerService(apiKeys, verifier, stores.clients(), revocations, clock, 100);
        tokens = new IssueAccessTokenService(
                new ClientAuthenticator(stores.clients(), new AuthenticationFailureAggregator(stores.audit(), clock), clock),
                new LastUsedTracker(stores.clients()), signer, ScopeCatalog.standard(), new TokenPolicy(ISSUER, TTL), clock, data.random());
        revokeApiKey = new RevokeApiKeyService(stores.apiKeys(), stores.workspaces(), revocations, stores.audit(), clock,
                data.random());
        workspace = data.addWorkspace(stores);
    }

    @Test
    void authenticateWhenLiveApiKeyThenItsUser() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());

        Principal principal = service.authenticate(key.plaintext().value());

        assertThat(principal).isEqualTo(new Principal.User(user.id(), key.key().id()));
    }

    @Test
    void authenticateWhenApiKeyRevokedThenRefused() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(TestData.revoked(key.key(), T0.plusSeconds(1)));

        assertRefused(key.plaintext().value());
    }

    @Test
    void authenticateWhenApiKeyChecksumBrokenThenRefused() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());
        String value = key.plaintext().value();
        String broken = value.substring(0, 10) + (value.charAt(10) == 'a' ? 'b' : 'a') + value.substring(11);

        assertRefused(broken);
    }

    @Test
    void authenticateWhenApiKeyUnknownThenRefused() {
        data.addUser(stores);

        assertRefused(CredentialKind.API_KEY.generate(data.random()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gtk_", "gtk_short", "not a credential", "a.b", "a.b.c.d", "Bearer x"})
    void authenticateWhenMalformedThenRefused(String credential) {
        assertRefused(credential);
    }

    @Test
    void authenticateWhenNullThenRefused() {
        assertRefused(null);
    }

    @Test
    void authenticateWhenLongerThan8KThenRefused() {
        assertRefused("a." + "b".repeat(8192) + ".c");
    }

    @Test
    void authenticateWhenAClientSecretIsPresentedThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertRefused(client.secret().value());
    }

    @Test
    void authenticateWhenAccessTokenThenItsWorkspaceClient() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "workspace:read", "connect:*");
        String token = issue(client, "workspace:read");
        AccessTokenClaims claims = signer.last();

        Principal principal = service.authenticate(token);

        assertThat(principal).isEqualTo(new Principal.WorkspaceClient(client.client().clientId(), workspace.id(),
                ScopeSet.of("workspace:read"), ProjectAccess.all(), claims.jwtId(), T0.plus(TTL).minusMillis(123)));
    }

    @Test
    void authenticateWhenTokenOfRestrictedClientThenPrincipalKeepsTheProjects() {
        ProjectId project = ProjectId.generate(data.random());
        OAuthClient.Registration client = register(ProjectAccess.only(List.of(project)), "*");

        Principal principal = service.authenticate(issue(client, null));

        assertThat(principal).isInstanceOfSatisfying(Principal.WorkspaceClient.class, p -> {
            assertThat(p.projects().isRestricted()).isTrue();
            assertThat(p.projects().permits(project)).isTrue();
            assertThat(p.projects().permits(ProjectId.generate(data.random()))).isFalse();
        });
    }

    @Test
    void authenticateWhenTokenJustBeforeExpiryThenAccepted() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client, null);
        clock.set(signer.last().expiresAt().minusMillis(1));

        assertThat(service.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
    }

    @Test
    void authenticateWhenTokenAtItsExpiryThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client, null);

        clock.set(signer.last().expiresAt());

        assertRefused(token);
    }

    @Test
    void authenticateWhenTokenLongExpiredThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client, null);

        clock.advance(TTL.multipliedBy(24));

        assertRefused(token);
    }

    @Test
    void authenticateWhenTokenNotValidYetThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        Instant notBefore = T0.plusSeconds(60);
        String token = signer.sign(claims(client.client(), workspace.id(), notBefore, notBefore.plus(TTL)));

        assertRefused(token);
        clock.set(notBefore);
        assertThat(service.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
    }

    @Test
    void authenticateWhenTokenIssuedInTheFutureThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        OAuthClient registered = client.client();
        Instant issuedAt = T0.plusSeconds(60);
        String token = signer.sign(new AccessTokenClaims(ISSUER, ISSUER, registered.clientId(), workspace.id(),
                registered.allowedScopes(), Optional.empty(), issuedAt, T0, issuedAt.plus(TTL), Base62.random(data.random(), 22)));

        assertRefused(token);
        clock.set(issuedAt);
        assertThat(service.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
    }

    @Test
    void authenticateWhenTokenForgedThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client, null);

        assertRefused(token.substring(0, token.lastIndexOf('.')) + ".forgedsignature");
    }

    @Test
    void authenticateWhenTokensClientDeletedThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), ClientStatus.DELETED, "*");

        assertRefused(signer.sign(claims(client.client(), workspace.id(), T0, T0.plus(TTL))));
    }

    @Test
    void authenticateWhenTokensClientDisabledThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), ClientStatus.DISABLED, "*");

        assertRefused(signer.sign(claims(client.client(), workspace.id(), T0, T0.plus(TTL))));
    }

    @Test
    void authenticateWhenTokensClientUnknownThenRefused() {
        OAuthClient.Registration never = OAuthClient.register(workspace.id(), "never stored", ScopeSet.of("*"),
                ProjectAccess.all(), T0, data.random());

        assertRefused(signer.sign(claims(never.client(), workspace.id(), T0, T0.plus(TTL))));
    }

    @Test
    void authenticateWhenTokenNamesAnotherWorkspaceThanItsClientsThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        Workspace other = data.addWorkspace(stores);

        assertRefused(signer.sign(claims(client.client(), other.id(), T0, T0.plus(TTL))));
    }

    @Test
    void authenticateOfTheSameTokenAgainDoesNotVerifyItAgain() {
        String token = issue(register(ProjectAccess.all(), "*"), null);

        Principal first = service.authenticate(token);
        Principal second = service.authenticate(token);

        assertThat(second).isEqualTo(first);
        assertThat(verifier.calls()).isEqualTo(1);
    }

    @Test
    void authenticateOfTheSameTokenInANewStringIsServedFromTheCache() {
        String token = issue(register(ProjectAccess.all(), "*"), null);
        Principal first = service.authenticate(token);

        Principal second = service.authenticate(new String(token.toCharArray()));

        assertThat(second).isEqualTo(first);
        assertThat(verifier.calls()).isEqualTo(1);
    }

    @Test
    void authenticateWhenATokenEndsLikeACachedOneButDiffersBeforeThenRefused() {
        String cachedToken = issue(register(ProjectAccess.all(), "*"), null);
        service.authenticate(cachedToken);
        String forged = (cachedToken.charAt(0) == 'x' ? "y" : "x") + cachedToken.substring(1);
        String hashedTail = cachedToken.substring(cachedToken.length() - AuthenticateBearerService.TokenKey.HASHED_CHARS);

        assertThat(forged).hasSameSizeAs(cachedToken).endsWith(hashedTail);
        assertRefused(forged);
        assertThat(verifier.calls()).isEqualTo(2);
    }

    @Test
    void authenticateWhenACachedTokenIsRevokedThenRefused() {
        String token = issue(register(ProjectAccess.all(), "*"), null);
        service.authenticate(token);
        AccessTokenClaims claims = signer.last();

        revocations.revokeToken(new RevokedToken(claims.jwtId(), claims.clientId(), claims.expiresAt(), T0));

        assertRefused(token);
        assertThat(verifier.calls()).as("refused from the cache").isEqualTo(1);
    }

    @Test
    void authenticateWhenACachedTokenIsRevokedOnAnotherServerThenRefusedAfterTheSync() {
        String token = issue(register(ProjectAccess.all(), "*"), null);
        service.authenticate(token);
        AccessTokenClaims claims = signer.last();
        stores.revokedTokens().add(new RevokedToken(claims.jwtId(), claims.clientId(), claims.expiresAt(), T0));
        clock.advance(Duration.ofSeconds(1));

        revocations.sync();

        assertRefused(token);
    }

    @Test
    void authenticateWhenACachedTokenHasExpiredThenRefused() {
        String token = issue(register(ProjectAccess.all(), "*"), null);
        service.authenticate(token);

        clock.set(signer.last().expiresAt());

        assertRefused(token);
        assertThat(verifier.calls()).as("refused from the cache").isEqualTo(1);
    }

    @Test
    void authenticateOfTheSameApiKeyAgainIsServedFromTheCache() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());

        Principal first = service.authenticate(key.plaintext().value());
        Principal second = service.authenticate(key.plaintext().value());

        assertThat(second).isEqualTo(first);
        assertThat(apiKeys.findByHashCalls()).isEqualTo(1);
    }

    @Test
    void authenticateWhenACachedApiKeyIsRevokedThenRefusedAtOnceAndTheNewKeyAccepted() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());
        service.authenticate(key.plaintext().value());

        ApiKey.Issued next = revokeApiKey.revoke(user.id(), key.key().id());

        assertRefused(key.plaintext().value());
        assertThat(service.authenticate(next.plaintext().value())).isEqualTo(new Principal.User(user.id(), next.key().id()));
    }

    @Test
    void authenticateWhenACachedApiKeyIsRevokedOnAnotherServerThenRefusedAfterTheSync() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());
        service.authenticate(key.plaintext().value());
        stores.apiKeys().replace(key.key().id(), T0, data.apiKey(user.id(), T0).key());
        clock.advance(Duration.ofSeconds(1));

        revocations.sync();

        assertRefused(key.plaintext().value());
    }

    @Test
    void isStillValidOfAnApiKeyUserUntilTheKeyIsRevoked() {
        User user = data.addUser(stores);
        ApiKey.Issued key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());
        Principal principal = service.authenticate(key.plaintext().value());
        assertThat(service.isStillValid(principal)).isTrue();

        revokeApiKey.revoke(user.id(), key.key().id());

        assertThat(service.isStillValid(principal)).isFalse();
    }

    @Test
    void isStillValidOfATokenClientUntilTheTokenIsRevoked() {
        String token = issue(register(ProjectAccess.all(), "*"), null);
        Principal principal = service.authenticate(token);
        AccessTokenClaims claims = signer.last();
        assertThat(service.isStillValid(principal)).isTrue();

        revocations.revokeToken(new RevokedToken(claims.jwtId(), claims.clientId(), claims.expiresAt(), T0));

        assertThat(service.isStillValid(principal)).isFalse();
    }

    @Test
    void isStillValidOfATokenClientUntilTheTokenExpires() {
        String token = issue(register(ProjectAccess.all(), "*"), null);
        Principal principal = service.authenticate(token);
        Instant expiresAt = signer.last().expiresAt();

        clock.set(expiresAt.minusMillis(1));
        assertThat(service.isStillValid(principal)).isTrue();
        clock.set(expiresAt);
        assertThat(service.isStillValid(principal)).isFalse();
    }

    @Test
    void authenticateWhenACachedTokensClientIsDeletedThenRefused() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client, null);
        Principal principal = service.authenticate(token);

        OAuthClient deleted = stored(client).deleted(clock.instant());
        assertThat(stores.clients().update(deleted)).isTrue();
        revocations.clientChanged(deleted);

        assertRefused(token);
        assertThat(service.isStillValid(principal)).isFalse();
    }

    @Test
    void authenticateWhenACachedTokensClientIsDeletedOnAnotherServerThenRefusedAfterTheSync() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client, null);
        service.authenticate(token);
        clock.advance(Duration.ofMillis(400));
        stores.clients().update(stored(client).deleted(clock.instant()));
        clock.advance(Duration.ofMillis(600));

        revocations.sync();

        assertRefused(token);
    }

    @Test
    void authenticateWhenTheClientRotatedWithRevokeTokensThenItsEarlierTokensAreRefusedAndNewOnesAccepted() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String before = issue(client, null);
        service.authenticate(before);
        String uncached = issue(client, null);

        OAuthClient.Registration rotated = stored(client).rotated(Duration.ZERO, true, clock.instant(), data.random());
        assertThat(stores.clients().update(rotated.client())).isTrue();
        revocations.clientChanged(rotated.client());
        String after = issue(rotated, null);

        assertRefused(before);
        assertRefused(uncached);
        assertThat(service.authenticate(after)).isInstanceOf(Principal.WorkspaceClient.class);
    }

    @Test
    void authenticateWhenTheClientRotatedWithoutRevokeTokensThenItsEarlierTokensStillWork() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String before = issue(client, null);
        service.authenticate(before);

        OAuthClient.Registration rotated = stored(client).rotated(Duration.ZERO, false, clock.instant(), data.random());
        stores.clients().update(rotated.client());
        revocations.clientChanged(rotated.client());

        assertThat(service.authenticate(before)).isInstanceOf(Principal.WorkspaceClient.class);
    }

    private OAuthClient stored(OAuthClient.Registration client) {
        return stores.clients().findById(client.client().id()).orElseThrow();
    }

    private void assertRefused(String credential) {
        assertThatThrownBy(() -> service.authenticate(credential))
                .isInstanceOf(InvalidCredentialException.class)
                .satisfies(e -> {
                    if (credential != null && !credential.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(credential);
                    }
                });
    }

    private OAuthClient.Registration register(ProjectAccess projects, String... scopes) {
        return register(projects, ClientStatus.ACTIVE, scopes);
    }

    private OAuthClient.Registration register(ProjectAccess projects, ClientStatus status, String... scopes) {
        OAuthClient.Registration registration = OAuthClient.register(workspace.id(), "client", ScopeSet.of(scopes), projects,
                T0, data.random());
        stores.clients().add(TestData.withStatus(registration.client(), status));
        return registration;
    }

    private String issue(OAuthClient.Registration client, String scope) {
        ClientAuthentication basic = new ClientAuthentication(ClientAuthentication.Method.BASIC,
                Optional.of(client.client().clientId().value()), Optional.of(client.secret().value()));
        return tokens.issue(new IssueAccessTokenCommand(Optional.of("client_credentials"), basic, Optional.ofNullable(scope),
                Optional.empty())).accessToken();
    }

    private AccessTokenClaims claims(OAuthClient client, WorkspaceId workspaceId, Instant notBefore, Instant expiresAt) {
        Optional<ImmutableSet<ProjectId>> projects = client.projects().restrictedTo();
        return new AccessTokenClaims(ISSUER, ISSUER, client.clientId(), workspaceId, client.allowedScopes(), projects,
                notBefore, notBefore, expiresAt, Base62.random(data.random(), 22));
    }
    /** Counts the verifications that reach the real verifier. */
    private static final class CountingVerifier implements AccessTokenVerifier {
        private final AccessTokenVerifier delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingVerifier(AccessTokenVerifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public AccessTokenClaims verify(String token) {
            calls.incrementAndGet();
            return delegate.verify(token);
        }

        int calls() {
            return calls.get();
        }
    }

    /** Counts the look-ups by hash that reach the store. */
    private static final class CountingApiKeyRepository implements ApiKeyRepository {
        private final ApiKeyRepository delegate;
        private final AtomicInteger findByHashCalls = new AtomicInteger();

        CountingApiKeyRepository(ApiKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public void save(ApiKey key) {
            delegate.save(key);
        }

        @Override
        public Optional<ApiKey> findByHash(SecretHash hash) {
            findByHashCalls.incrementAndGet();
            return delegate.findByHash(hash);
        }

        @Override
        public Optional<ApiKey> findLiveByUser(UserId user) {
            return delegate.findLiveByUser(user);
        }

        @Override
        public boolean replace(ApiKeyId current, Instant revokedAt, ApiKey next) {
            return delegate.replace(current, revokedAt, next);
        }

        @Override
        public List<ApiKey> revokedSince(Instant since) {
            return delegate.revokedSince(since);
        }

        int findByHashCalls() {
            return findByHashCalls.get();
        }
    }
}
