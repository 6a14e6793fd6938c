package dev.gatehouse.application.token.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.FakeAccessTokenVerifier;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRevocationServiceTest {

    private static final String ISSUER = "https://auth.gatehouse.test";
    private static final Duration TTL = Duration.ofHours(1);
    private static final Instant NOW = T0.plusNanos(456_789);

    private final TestData data = new TestData(new SplittableRandom(14));
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeAccessTokenSigner signer = new FakeAccessTokenSigner();
    private Stores stores;
    private InMemoryAuditLog audit;
    private CredentialRevocations revocations;
    private TokenRevocationService service;
    private IssueAccessTokenService issuer;
    private AuthenticateBearerService bearer;
    private Workspace workspace;
    private OAuthClient.Registration caller;
    private OAuthClient.Registration tokenClient;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        ClientAuthenticator authenticator = new ClientAuthenticator(stores.clients(),
                new AuthenticationFailureAggregator(audit, clock), clock);
        FakeAccessTokenVerifier verifier = new FakeAccessTokenVerifier(signer);
        service = new TokenRevocationService(authenticator, verifier, stores.clients(), revocations, audit, clock);
        issuer = new IssueAccessTokenService(authenticator, new LastUsedTracker(stores.clients()), signer, ScopeCatalog.standard(),
                new TokenPolicy(ISSUER, TTL), clock, data.random());
        bearer = new AuthenticateBearerService(stores.apiKeys(), verifier, stores.clients(), revocations, clock, 100);
        workspace = data.addWorkspace(stores);
        caller = register(workspace, ClientStatus.ACTIVE);
        tokenClient = register(workspace, ClientStatus.ACTIVE);
    }

    @Test
    void introspectWhenLiveTokenOfTheCallersWorkspaceThenItsClaims() {
        String token = issue(tokenClient);
        AccessTokenClaims claims = signer.last();

        assertThat(service.introspect(basic(caller), Optional.of(token))).contains(claims);
    }

    @Test
    void introspectOfTheCallersOwnTokenThenItsClaims() {
        String token = issue(caller);

        assertThat(service.introspect(basic(caller), Optional.of(token))).contains(signer.last());
    }

    @Test
    void introspectWhenTokenOfAnotherWorkspaceThenInactive() {
        OAuthClient.Registration stranger = register(data.addWorkspace(stores), ClientStatus.ACTIVE);
        String token = issue(stranger);

        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
        assertThat(service.introspect(basic(stranger), Optional.of(token))).isPresent();
    }

    @Test
    void introspectAfterRevokeThenInactiveAndTheTokenFailsAsABearer() {
        String token = issue(tokenClient);
        bearer.authenticate(token);

        service.revoke(basic(caller), Optional.of(token));

        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
        assertThat(service.introspect(basic(tokenClient), Optional.of(token))).isEmpty();
        assertThatThrownBy(() -> bearer.authenticate(token)).isInstanceOf(InvalidCredentialException.class);
    }

    @Test
    void revokeStoresTheRevocationSoThatEveryServerRefusesTheToken() {
        String token = issue(tokenClient);
        AccessTokenClaims claims = signer.last();

        service.revoke(basic(caller), Optional.of(token));

        assertThat(stores.revokedTokens().revokedSince(Instant.EPOCH, NOW)).containsExactly(
                new RevokedToken(claims.jwtId(), tokenClient.client().clientId(), claims.expiresAt(), T0));
        CredentialRevocations anotherServer = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        assertThat(anotherServer.isTokenRevoked(claims.jwtId())).isTrue();
    }

    @Test
    void revokeRecordsWhoRevokedWhichToken() {
        String token = issue(tokenClient);
        AccessTokenClaims claims = signer.last();

        service.revoke(basic(caller), Optional.of(token));

        assertThat(audit.events()).containsExactly(new AuditEvent.AccessTokenRevoked(workspace.id(),
                caller.client().clientId(), tokenClient.client().clientId(), claims.jwtId(), T0));
    }

    @Test
    void revokeOfAnAlreadyRevokedTokenChangesNothing() {
        String token = issue(tokenClient);
        service.revoke(basic(caller), Optional.of(token));
        clock.advance(Duration.ofSeconds(5));

        assertThatCode(() -> service.revoke(basic(tokenClient), Optional.of(token))).doesNotThrowAnyException();

        assertThat(audit.events()).hasSize(1);
        assertThat(stores.revokedTokens().revokedSince(Instant.EPOCH, NOW)).singleElement()
                .satisfies(entry -> assertThat(entry.revokedAt()).isEqualTo(T0));
    }

    @Test
    void revokeOfAnotherWorkspacesTokenIsAcceptedAndChangesNothing() {
        OAuthClient.Registration stranger = register(data.addWorkspace(stores), ClientStatus.ACTIVE);
        String token = issue(stranger);

        assertThatCode(() -> service.revoke(basic(caller), Optional.of(token))).doesNotThrowAnyException();

        assertThat(service.introspect(basic(stranger), Optional.of(token))).isPresent();
        assertThat(bearer.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
        assertThat(audit.events()).isEmpty();
        assertThat(stores.revokedTokens().revokedSince(Instant.EPOCH, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "fakeheader.0-unsigned.fakesignature", "gtk_notakey", " "})
    void revokeOfAnUnknownOrMalformedTokenIsAcceptedAndChangesNothing(String token) {
        issue(tokenClient);

        assertThatCode(() -> service.revoke(basic(caller), Optional.of(token))).doesNotThrowAnyException();

        assertThat(audit.events()).isEmpty();
        assertThat(stores.revokedTokens().revokedSince(Instant.EPOCH, NOW)).isEmpty();
    }

    @Test
    void revokeOfATokenLongerThan8KIsAcceptedAndChangesNothing() {
        String token = "a." + "b".repeat(9000) + ".c";

        assertThatCode(() -> service.revoke(basic(caller), Optional.of(token))).doesNotThrowAnyException();
        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "fakeheader.0-unsigned.fakesignature"})
    void introspectOfAnUnknownOrMalformedTokenThenInactive(String token) {
        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", ""})
    void introspectOrRevokeWithoutATokenThenInvalidRequest(String token) {
        Optional<String> given = token.equals("missing") ? Optional.empty() : Optional.of(token);

        assertThat(refusal(() -> service.introspect(basic(caller), given))).isEqualTo(OAuthErrorCode.INVALID_REQUEST);
        assertThat(refusal(() -> service.revoke(basic(caller), given))).isEqualTo(OAuthErrorCode.INVALID_REQUEST);
    }

    /** Every way the calling client can fail to authenticate. */
    enum BadCaller { WRONG_SECRET, NO_AUTHENTICATION, UNKNOWN_CLIENT, DISABLED_CLIENT, DELETED_CLIENT }

    @ParameterizedTest
    @EnumSource(BadCaller.class)
    void introspectOrRevokeWhenTheCallerDoesNotAuthenticateThenInvalidClientAndNothingRevoked(BadCaller bad) {
        String token = issue(tokenClient);
        ClientAuthentication authentication = switch (bad) {
            case WRONG_SECRET -> basic(caller.client().clientId().value(), CredentialKind.CLIENT_SECRET.generate(data.random()));
            case NO_AUTHENTICATION -> ClientAuthentication.none();
            case UNKNOWN_CLIENT -> basic(CredentialKind.CLIENT_ID.generate(data.random()), caller.secret().value());
            case DISABLED_CLIENT -> basic(register(workspace, ClientStatus.DISABLED));
            case DELETED_CLIENT -> basic(register(workspace, ClientStatus.DELETED));
        };

        assertThat(refusal(() -> service.introspect(authentication, Optional.of(token)))).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(refusal(() -> service.revoke(authentication, Optional.of(token)))).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(refusal(() -> service.revoke(authentication, Optional.empty()))).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(revocations.isTokenRevoked(signer.last().jwtId())).isFalse();
        assertThat(bearer.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
    }

    @Test
    void introspectWhenTokenExpiredThenInactive() {
        String token = issue(tokenClient);
        Instant expiresAt = signer.last().expiresAt();

        clock.set(expiresAt.minusMillis(1));
        assertThat(service.introspect(basic(caller), Optional.of(token))).isPresent();
        clock.set(expiresAt);
        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
    }

    @Test
    void introspectWhenTokenNotValidYetThenInactive() {
        Instant notBefore = NOW.plusSeconds(60);
        String token = signer.sign(claims(tokenClient.client(), notBefore));

        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ClientStatus.class, names = {"DISABLED", "DELETED"})
    void introspectWhenTheTokensClientIsNoLongerActiveThenInactive(ClientStatus status) {
        OAuthClient.Registration gone = register(workspace, status);
        String token = signer.sign(claims(gone.client(), T0));

        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
    }

    @Test
    void introspectWhenTheTokensClientIsUnknownThenInactive() {
        OAuthClient.Registration never = data.registration(workspace.id(), T0, "*");
        String token = signer.sign(claims(never.client(), T0));

        assertThat(service.introspect(basic(caller), Optional.of(token))).isEmpty();
    }

    @Test
    void introspectWhenTheTokensClientRotatedWithRevokeTokensThenInactive() {
        String before = issue(tokenClient);
        OAuthClient.Registration rotated = tokenClient.client().rotated(Duration.ZERO, true, T0, data.random());
        assertThat(stores.clients().update(rotated.client())).isTrue();
        String after = issue(rotated);

        assertThat(service.introspect(basic(caller), Optional.of(before))).isEmpty();
        assertThat(service.introspect(basic(caller), Optional.of(after))).contains(signer.last());
    }

    @Test
    void introspectWhenTheTokensClientRotatedWithoutRevokeTokensThenStillActive() {
        String before = issue(tokenClient);
        AccessTokenClaims claims = signer.last();
        OAuthClient.Registration rotated = tokenClient.client().rotated(Duration.ZERO, false, T0, data.random());
        assertThat(stores.clients().update(rotated.client())).isTrue();

        assertThat(service.introspect(basic(caller), Optional.of(before))).contains(claims);
    }

    private OAuthClient.Registration register(Workspace in, ClientStatus status) {
        OAuthClient.Registration registration = data.registration(in.id(), T0, "*");
        stores.clients().add(TestData.withStatus(registration.client(), status));
        return registration;
    }

    private String issue(OAuthClient.Registration client) {
        return issuer.issue(new IssueAccessTokenCommand(Optional.of("client_credentials"), basic(client), Optional.empty(),
                Optional.empty())).accessToken();
    }

    private AccessTokenClaims claims(OAuthClient client, Instant notBefore) {
        return new AccessTokenClaims(ISSUER, ISSUER, client.clientId(), client.workspaceId(), ScopeSet.of("*"),
                Optional.empty(), notBefore, notBefore, notBefore.plus(TTL), Base62.random(data.random(), 22));
    }

    private static ClientAuthentication basic(OAuthClient.Registration client) {
        return basic(client.client().clientId().value(), client.secret().value());
    }

    private static ClientAuthentication basic(String clientId, String secret) {
        return new ClientAuthentication(ClientAuthentication.Method.BASIC, Optional.of(clientId), Optional.of(secret));
    }

    private static OAuthErrorCode refusal(Runnable call) {
        OAuthException refused = catchThrowableOfType(OAuthException.class, call::run);
        assertThat(refused).as("the request should have been refused").isNotNull();
        return refused.error().code();
    }
}
