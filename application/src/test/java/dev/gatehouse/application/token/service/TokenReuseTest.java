package dev.gatehouse.application.token.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.IssuedAccessToken;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenReuseTest {

    private static final String ISSUER = "https://auth.gatehouse.test";
    private static final Duration TTL = Duration.ofMinutes(60);

    private final TestData data = new TestData(new SplittableRandom(11));
    private final MutableClock clock = new MutableClock(T0);
    private final FakeAccessTokenSigner signer = new FakeAccessTokenSigner();
    private Stores stores;
    private CredentialRevocations revocations;
    private IssueAccessTokenService service;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        service = service(new TokenReuse(revocations, TTL, 100));
        workspace = data.addWorkspace(stores);
    }

    private IssueAccessTokenService service(TokenReuse reuse) {
        AuthenticationFailureAggregator failures = new AuthenticationFailureAggregator(stores.audit(), clock);
        return new IssueAccessTokenService(new ClientAuthenticator(stores.clients(), failures, clock),
                new LastUsedTracker(stores.clients()), signer, ScopeCatalog.standard(), new TokenPolicy(ISSUER, TTL), clock,
                data.random(), reuse);
    }

    @Test
    void issueAgainWhenTokenStillFreshThenSameTokenWithItsRemainingLife() {
        OAuthClient.Registration client = register("workspace:read", "sources:read");
        IssuedAccessToken first = service.issue(request(client, null));

        clock.advance(Duration.ofMinutes(20));
        IssuedAccessToken second = service.issue(request(client, null));

        assertThat(second.accessToken()).isEqualTo(first.accessToken());
        assertThat(second.issuedAt()).isEqualTo(first.issuedAt());
        assertThat(second.expiresInSeconds()).isEqualTo(first.expiresInSeconds() - Duration.ofMinutes(20).toSeconds());
        assertThat(second.scope()).isEqualTo(first.scope());
        assertThat(signer.signed()).hasSize(1);
    }

    @Test
    void issueAgainWhenLessThanHalfTheLifeRemainsThenNewToken() {
        OAuthClient.Registration client = register("workspace:read");
        IssuedAccessToken first = service.issue(request(client, null));

        clock.advance(Duration.ofMinutes(30));
        IssuedAccessToken second = service.issue(request(client, null));

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.expiresInSeconds()).isEqualTo(TTL.toSeconds());
        assertThat(signer.signed()).hasSize(2);
    }

    @Test
    void issueWhenScopeDiffersThenEachScopeHasItsOwnToken() {
        OAuthClient.Registration client = register("workspace:read", "sources:read");
        IssuedAccessToken both = service.issue(request(client, null));
        IssuedAccessToken narrow = service.issue(request(client, "sources:read"));
        IssuedAccessToken narrowAgain = service.issue(request(client, "sources:read"));

        assertThat(narrow.accessToken()).isNotEqualTo(both.accessToken());
        assertThat(narrowAgain.accessToken()).isEqualTo(narrow.accessToken());
        assertThat(signer.last().scope().asStrings()).containsExactly("sources:read");
        assertThat(signer.signed()).hasSize(2);
    }

    @Test
    void issueWhenClientsDifferThenNeverAnotherClientsToken() {
        OAuthClient.Registration a = register("workspace:read");
        OAuthClient.Registration b = register("workspace:read");

        IssuedAccessToken forA = service.issue(request(a, null));
        IssuedAccessToken forB = service.issue(request(b, null));

        assertThat(forB.accessToken()).isNotEqualTo(forA.accessToken());
        assertThat(signer.last().clientId()).isEqualTo(b.client().clientId());
    }

    @Test
    void issueWhenTheTokenWasRevokedThenNewToken() {
        OAuthClient.Registration client = register("workspace:read");
        IssuedAccessToken first = service.issue(request(client, null));
        AccessTokenClaims claims = signer.last();
        revocations.revokeToken(new RevokedToken(claims.jwtId(), claims.clientId(), claims.expiresAt(), clock.instant()));

        IssuedAccessToken second = service.issue(request(client, null));

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(signer.last().jwtId()).isNotEqualTo(claims.jwtId());
    }

    @Test
    void issueWhenTheTokenWasRevokedOnAnotherServerThenNewTokenAfterTheSync() {
        OAuthClient.Registration client = register("workspace:read");
        IssuedAccessToken first = service.issue(request(client, null));
        AccessTokenClaims claims = signer.last();
        stores.revokedTokens().add(new RevokedToken(claims.jwtId(), claims.clientId(), claims.expiresAt(), clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        revocations.sync();

        assertThat(service.issue(request(client, null)).accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void issueWhenSecretRotatedWithRevokeTokensThenNewTokenOfTheNewGeneration() {
        OAuthClient.Registration client = register("workspace:read");
        IssuedAccessToken first = service.issue(request(client, null));
        OAuthClient.Registration rotated = client.client().rotated(Duration.ofMinutes(5), true, clock.instant(), data.random());
        store(rotated.client());

        IssuedAccessToken viaOldSecret = service.issue(request(client, null));
        IssuedAccessToken viaNewSecret = service.issue(request(rotated, null));

        assertThat(viaOldSecret.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(viaNewSecret.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(signer.last().clientGeneration()).isEqualTo(1);
    }

    @Test
    void issueWhenSecretRotatedWithoutRevokingThenStillNewToken() {
        OAuthClient.Registration client = register("workspace:read");
        IssuedAccessToken first = service.issue(request(client, null));
        OAuthClient.Registration rotated = client.client().rotated(Duration.ZERO, false, clock.instant(), data.random());
        store(rotated.client());

        assertThat(service.issue(request(rotated, null)).accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void issueWhenTheClientsGrantChangedThenNewTokenWithTheNewGrant() {
        OAuthClient.Registration client = register("workspace:read", "sources:read");
        IssuedAccessToken first = service.issue(request(client, "workspace:read"));
        ProjectId project = ProjectId.generate(data.random());
        store(client.client().patched(Optional.empty(), Optional.empty(), Optional.of(ProjectAccess.only(
                com.google.common.collect.ImmutableSet.of(project))), clock.instant()));

        IssuedAccessToken second = service.issue(request(client, "workspace:read"));

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(signer.last().projects()).contains(com.google.common.collect.ImmutableSet.of(project));
    }

    @Test
    void issueWhenTheClientWasDeletedThenRefusedAndNothingHandedBack() {
        OAuthClient.Registration client = register("workspace:read");
        service.issue(request(client, null));
        store(client.client().deleted(clock.instant()));

        assertThatThrownBy(() -> service.issue(request(client, null))).isInstanceOf(OAuthException.class);
        assertThat(signer.signed()).hasSize(1);
    }

    @Test
    void issueWhenTheSecretIsWrongThenRefusedEvenWithAFreshTokenCached() {
        OAuthClient.Registration client = register("workspace:read");
        service.issue(request(client, null));
        ClientAuthentication wrong = new ClientAuthentication(ClientAuthentication.Method.BASIC,
                Optional.of(client.client().clientId().value()), Optional.of("gts_wrong"));

        assertThatThrownBy(() -> service.issue(new IssueAccessTokenCommand(Optional.of("client_credentials"), wrong,
                Optional.empty(), Optional.empty()))).isInstanceOf(OAuthException.class);
    }

    @Test
    void reuseOffThenEveryRequestSignsANewToken() {
        IssueAccessTokenService plain = service(TokenReuse.off());
        OAuthClient.Registration client = register("workspace:read");

        IssuedAccessToken first = plain.issue(request(client, null));
        IssuedAccessToken second = plain.issue(request(client, null));

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(signer.signed()).hasSize(2);
    }

    @Test
    void cacheHoldsAtMostItsMaximumSize() {
        TokenReuse reuse = new TokenReuse(revocations, TTL, 3);
        IssueAccessTokenService bounded = service(reuse);
        for (int i = 0; i < 10; i++) {
            bounded.issue(request(register("workspace:read"), null));
        }

        assertThat(reuse.size()).isLessThanOrEqualTo(3);
    }

    private void store(OAuthClient next) {
        assertThat(stores.clients().update(next)).isTrue();
        revocations.clientChanged(next);
    }

    private OAuthClient.Registration register(String... scopes) {
        OAuthClient.Registration registration = OAuthClient.register(workspace.id(), "client", ScopeSet.of(scopes),
                ProjectAccess.all(), T0, data.random());
        stores.clients().add(TestData.withStatus(registration.client(), ClientStatus.ACTIVE));
        return registration;
    }

    private static IssueAccessTokenCommand request(OAuthClient.Registration client, String scope) {
        ClientAuthentication basic = new ClientAuthentication(ClientAuthentication.Method.BASIC,
                Optional.of(client.client().clientId().value()), Optional.of(client.secret().value()));
        return new IssueAccessTokenCommand(Optional.of("client_credentials"), basic, Optional.ofNullable(scope), Optional.empty());
    }
}
