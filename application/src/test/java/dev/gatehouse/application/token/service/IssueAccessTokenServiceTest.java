package dev.gatehouse.application.token.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.oauth.OAuthError;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.IssuedAccessToken;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class IssueAccessTokenServiceTest {

    private static final String ISSUER = "https://auth.gatehouse.test";
    private static final Duration TTL = Duration.ofMinutes(60);
    /** The clock reads a time with fractions of a second; token times are whole seconds. */
    private static final Instant NOW = T0.plusNanos(456_789);
    private static final Instant NOW_SECONDS = Instant.parse("2024-05-01T10:15:30Z");

    private final TestData data = new TestData(new SplittableRandom(3));
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeAccessTokenSigner signer = new FakeAccessTokenSigner();
    private Stores stores;
    private InMemoryAuditLog audit;
    private AuthenticationFailureAggregator failures;
    private LastUsedTracker lastUsed;
    private IssueAccessTokenService service;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        failures = new AuthenticationFailureAggregator(audit, clock);
        lastUsed = new LastUsedTracker(stores.clients());
        service = service(new TokenPolicy(ISSUER, TTL));
        workspace = data.addWorkspace(stores);
    }

    private IssueAccessTokenService service(TokenPolicy policy) {
        return new IssueAccessTokenService(new ClientAuthenticator(stores.clients(), failures, clock), lastUsed, signer,
                ScopeCatalog.standard(), policy, clock, data.random());
    }

    @Test
    void issueWhenCredentialsRightThenSignsTheClaims() {
        OAuthClient.Registration client = register("connect:*", "workspace:read");

        service.issue(request(basic(client), null));

        AccessTokenClaims claims = signer.last();
        assertThat(claims.issuer()).isEqualTo(ISSUER);
        assertThat(claims.audience()).isEqualTo(ISSUER);
        assertThat(claims.clientId()).isEqualTo(client.client().clientId());
        assertThat(claims.workspaceId()).isEqualTo(workspace.id());
        assertThat(claims.scope().asStrings()).containsExactly("connect:*", "workspace:read");
        assertThat(claims.projects()).isEmpty();
        assertThat(claims.issuedAt()).isEqualTo(NOW_SECONDS);
        assertThat(claims.notBefore()).isEqualTo(claims.issuedAt());
        assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(TTL);
        assertThat(claims.jwtId()).isNotBlank();
        assertThat(signer.signed()).hasSize(1);
    }

    @Test
    void issueAnswersWithTheSignedTokenAndItsLifetime() {
        OAuthClient.Registration client = register("workspace:read");

        IssuedAccessToken issued = service.issue(request(basic(client), null));

        assertThat(issued.accessToken()).startsWith("fakeheader.");
        assertThat(issued.issuedAt()).isEqualTo(NOW_SECONDS);
        assertThat(issued.expiresInSeconds()).isEqualTo(3600);
        assertThat(issued.scope().asStrings()).containsExactly("workspace:read");
        assertThat(issued.toString()).doesNotContain(issued.accessToken());
    }

    @Test
    void issueWhenClientSecretPostThenAccepted() {
        OAuthClient.Registration client = register("workspace:read");
        ClientAuthentication post = new ClientAuthentication(ClientAuthentication.Method.POST,
                Optional.of(client.client().clientId().value()), Optional.of(client.secret().value()));

        service.issue(request(post, null));

        assertThat(signer.last().clientId()).isEqualTo(client.client().clientId());
    }

    @Test
    void issueWhenPolicyTtlShorterThenTokenLivesThatLong() {
        OAuthClient.Registration client = register("workspace:read");

        IssuedAccessToken issued = service(new TokenPolicy(ISSUER, Duration.ofMinutes(15))).issue(request(basic(client), null));

        assertThat(issued.expiresInSeconds()).isEqualTo(900);
        assertThat(signer.last().expiresAt()).isEqualTo(NOW_SECONDS.plus(Duration.ofMinutes(15)));
    }

    @Test
    void issueWhenGrantTypeMissingThenInvalidRequest() {
        OAuthClient.Registration client = register("*");
        IssueAccessTokenCommand command = new IssueAccessTokenCommand(
                Optional.empty(), basic(client), Optional.empty(), Optional.empty());

        assertThat(refusal(command).code()).isEqualTo(OAuthErrorCode.INVALID_REQUEST);
        assertThat(signer.signed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "authorization_code", "refresh_token", "CLIENT_CREDENTIALS", "client_credentials ", ""})
    void issueWhenGrantTypeNotClientCredentialsThenUnsupportedGrantType(String grantType) {
        OAuthClient.Registration client = register("*");
        IssueAccessTokenCommand command = new IssueAccessTokenCommand(
                Optional.of(grantType), basic(client), Optional.empty(), Optional.empty());

        assertThat(refusal(command).code()).isEqualTo(OAuthErrorCode.UNSUPPORTED_GRANT_TYPE);
        assertThat(signer.signed()).isEmpty();
    }

    /** Every way a client can fail to authenticate, which must all look alike from outside. */
    enum BadCredentials { WRONG_SECRET, SECRET_OF_ANOTHER_CLIENT, MISSING_SECRET, UNKNOWN_CLIENT, MALFORMED_CLIENT_ID,
        DISABLED_CLIENT, DELETED_CLIENT }

    @ParameterizedTest
    @EnumSource(BadCredentials.class)
    void issueWhenClientNotAuthenticatedThenInvalidClientWithOneDescription(BadCredentials bad) {
        OAuthClient.Registration client = register("*");
        OAuthClient.Registration other = register("*");
        String id = client.client().clientId().value();
        String secret = client.secret().value();
        ClientAuthentication authentication = switch (bad) {
            case WRONG_SECRET -> basic(id, CredentialKind.CLIENT_SECRET.generate(data.random()));
            case SECRET_OF_ANOTHER_CLIENT -> basic(id, other.secret().value());
            case MISSING_SECRET -> new ClientAuthentication(ClientAuthentication.Method.POST, Optional.of(id), Optional.empty());
            case UNKNOWN_CLIENT -> basic(CredentialKind.CLIENT_ID.generate(data.random()), secret);
            case MALFORMED_CLIENT_ID -> basic(id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0"), secret);
            case DISABLED_CLIENT -> basic(register(ProjectAccess.all(), ClientStatus.DISABLED, "*"));
            case DELETED_CLIENT -> basic(register(ProjectAccess.all(), ClientStatus.DELETED, "*"));
        };

        OAuthError error = refusal(request(authentication, null));

        assertThat(error.code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(error.description()).isEqualTo(ClientAuthenticator.FAILED);
        assertThat(error.description()).doesNotContain(secret);
        assertThat(signer.signed()).isEmpty();
    }

    @Test
    void issueWhenNoClientAuthenticationThenInvalidClient() {
        register("*");

        OAuthError error = refusal(request(ClientAuthentication.none(), null));

        assertThat(error.code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
    }

    @Test
    void issueWhenSecretWrongThenTheFailuresOfTheMinuteAreAuditedOnceItHasEnded() {
        OAuthClient.Registration client = register("*");
        for (int i = 0; i < 3; i++) {
            refusal(request(basic(client.client().clientId().value(), "gts_wrong"), null));
        }
        failures.flushEnded();
        assertThat(audit.events()).isEmpty();

        Instant minuteStart = NOW.truncatedTo(ChronoUnit.MINUTES);
        clock.set(minuteStart.plus(Duration.ofMinutes(1)));
        failures.flushEnded();

        assertThat(audit.events()).containsExactly(new AuditEvent.ClientAuthenticationFailures(workspace.id(),
                client.client().clientId(), 3, minuteStart, minuteStart.plus(Duration.ofMinutes(1))));
    }

    @Test
    void issueWhenSecretWrongForADisabledClientThenTheFailureIsAudited() {
        OAuthClient.Registration client = register(ProjectAccess.all(), ClientStatus.DISABLED, "*");

        refusal(request(basic(client.client().clientId().value(), "gts_wrong"), null));
        failures.flushAll();

        assertThat(audit.events()).singleElement().isInstanceOfSatisfying(AuditEvent.ClientAuthenticationFailures.class,
                event -> assertThat(event.clientId()).isEqualTo(client.client().clientId()));
    }

    @Test
    void issueWhenClientUnknownThenNothingIsAudited() {
        refusal(request(basic(CredentialKind.CLIENT_ID.generate(data.random()), "gts_wrong"), null));
        failures.flushAll();

        assertThat(audit.events()).isEmpty();
    }

    @Test
    void issueWhenClientAuthenticatesThenNothingIsAudited() {
        OAuthClient.Registration client = register("*");

        service.issue(request(basic(client), null));
        failures.flushAll();

        assertThat(audit.events()).isEmpty();
    }

    @Test
    void issueWhenClientNotAuthenticatedThenLastUsedAtUnchanged() {
        OAuthClient.Registration client = register("*");

        refusal(request(basic(client.client().clientId().value(), "gts_wrong"), null));
        lastUsed.flush();

        assertThat(stores.clients().findById(client.client().id()).orElseThrow().lastUsedAt()).isEmpty();
    }

    @Test
    void issueWhenScopeRequestedThenTokenNarrowedToIt() {
        OAuthClient.Registration client = register("connect:projects:read", "connect:projects:write", "workspace:read");

        IssuedAccessToken issued = service.issue(request(basic(client), "workspace:read connect:projects:read"));

        assertThat(issued.scope().asStrings()).containsExactly("workspace:read", "connect:projects:read");
        assertThat(signer.last().scope().asStrings()).containsExactly("workspace:read", "connect:projects:read");
    }

    @Test
    void issueWhenScopeEmptyThenAllowedScopes() {
        OAuthClient.Registration client = register("workspace:read", "audit:read");

        IssuedAccessToken issued = service.issue(request(basic(client), ""));

        assertThat(issued.scope().asStrings()).containsExactly("workspace:read", "audit:read");
    }

    @Test
    void issueWhenScopeNotAllowedThenInvalidScope() {
        OAuthClient.Registration client = register("workspace:read");

        OAuthError error = refusal(request(basic(client), "workspace:read sources:write"));

        assertThat(error.code()).isEqualTo(OAuthErrorCode.INVALID_SCOPE);
        assertThat(error.description()).contains("sources:write").doesNotContain("workspace:read");
        assertThat(signer.signed()).isEmpty();
        assertThat(lastUsed.flush()).isZero();
        assertThat(stores.clients().findById(client.client().id()).orElseThrow().lastUsedAt()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch:scope", "connect:nosuch", "workspace:write"})
    void issueWhenScopeUnknownThenInvalidScopeEvenForAnAllScopesClient(String unknown) {
        OAuthClient.Registration client = register("*");

        OAuthError error = refusal(request(basic(client), unknown));

        assertThat(error.code()).isEqualTo(OAuthErrorCode.INVALID_SCOPE);
        assertThat(error.description()).contains(unknown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"workspace:read  audit:read", " workspace:read", "workspace:read ", "a\"b", "a\\b", "caf\u00e9"})
    void issueWhenScopeMalformedThenInvalidScope(String malformed) {
        OAuthClient.Registration client = register("*");

        assertThat(refusal(request(basic(client), malformed)).code()).isEqualTo(OAuthErrorCode.INVALID_SCOPE);
    }

    @ParameterizedTest(name = "allowed [{0}] grants [{1}]")
    @CsvSource({
            "*, connect:projects:read",
            "*, connect:*",
            "*, *",
            "connect:*, connect:projects:read",
            "connect:*, connect:actions:*",
            "connect:*, connect:actions:slack-send-message",
            "connect:actions:*, connect:actions:slack-send-message",
            "connect:actions:*, connect:actions:*",
            "connect:apps:*, connect:apps:github",
    })
    void issueWhenAWildcardCoversTheRequestThenGranted(String allowed, String requested) {
        OAuthClient.Registration client = register(allowed);

        IssuedAccessToken issued = service.issue(request(basic(client), requested));

        assertThat(issued.scope().asStrings()).containsExactly(requested);
    }

    @ParameterizedTest(name = "allowed [{0}] does not grant [{1}]")
    @CsvSource({
            "connect:*, workspace:read",
            "connect:*, *",
            "connect:projects:read, connect:*",
            "connect:projects:read, connect:projects:write",
            "connect:actions:*, connect:projects:read",
            "connect:actions:*, connect:*",
            "connect:actions:*, connect:triggers:foo",
    })
    void issueWhenNoWildcardCoversTheRequestThenInvalidScope(String allowed, String requested) {
        OAuthClient.Registration client = register(allowed);

        assertThat(refusal(request(basic(client), requested)).code()).isEqualTo(OAuthErrorCode.INVALID_SCOPE);
    }

    @Test
    void issueWhenClientRestrictedToProjectsThenClaimsListThem() {
        ProjectId p1 = ProjectId.generate(data.random());
        ProjectId p2 = ProjectId.generate(data.random());
        OAuthClient.Registration client = register(ProjectAccess.only(List.of(p1, p2)), "*");

        service.issue(request(basic(client), null));

        assertThat(signer.last().projects()).hasValueSatisfying(projects -> assertThat(projects).containsExactlyInAnyOrder(p1, p2));
    }

    @Test
    void issueWhenClientRestrictedToNoProjectsThenClaimsListNone() {
        OAuthClient.Registration client = register(ProjectAccess.only(List.of()), "*");

        service.issue(request(basic(client), null));

        assertThat(signer.last().projects()).hasValueSatisfying(projects -> assertThat(projects).isEmpty());
    }

    @Test
    void issueWhenResourceIsTheIssuerThenAudienceIsTheIssuer() {
        OAuthClient.Registration client = register("*");

        service.issue(new IssueAccessTokenCommand(Optional.of("client_credentials"), basic(client), Optional.empty(),
                Optional.of(ISSUER)));

        assertThat(signer.last().audience()).isEqualTo(ISSUER);
    }

    @Test
    void issueWhenResourceIsAnotherServerThenInvalidTarget() {
        OAuthClient.Registration client = register("*");
        IssueAccessTokenCommand command = new IssueAccessTokenCommand(Optional.of("client_credentials"), basic(client),
                Optional.empty(), Optional.of("https://evil.example"));

        assertThat(refusal(command).code()).isEqualTo(OAuthErrorCode.INVALID_TARGET);
        assertThat(signer.signed()).isEmpty();
    }

    @Test
    void issueMarksTheClientUsedAtTheTokensIssueTimeWhenTheTrackerIsFlushed() {
        OAuthClient.Registration client = register("*");
        clock.advance(Duration.ofMinutes(5));

        service.issue(request(basic(client), null));
        assertThat(stores.clients().findById(client.client().id()).orElseThrow().lastUsedAt()).as("before the flush").isEmpty();
        assertThat(lastUsed.flush()).isEqualTo(1);

        assertThat(stores.clients().findById(client.client().id()).orElseThrow().lastUsedAt())
                .contains(signer.last().issuedAt())
                .contains(NOW_SECONDS.plus(Duration.ofMinutes(5)));
    }

    @Test
    void issueGivesEachTokenItsOwnJwtId() {
        OAuthClient.Registration client = register("*");
        Set<String> jwtIds = new HashSet<>();
        Set<String> tokens = new HashSet<>();

        for (int i = 0; i < 20; i++) {
            tokens.add(service.issue(request(basic(client), null)).accessToken());
            jwtIds.add(signer.last().jwtId());
        }

        assertThat(jwtIds).hasSize(20);
        assertThat(tokens).hasSize(20);
    }

    @Test
    void issueWritesTheClientsTokenGenerationIntoTheClaims() {
        OAuthClient.Registration registered = OAuthClient.register(workspace.id(), "client", ScopeSet.of("*"),
                ProjectAccess.all(), T0, data.random());
        OAuthClient.Registration once = registered.client().rotated(Duration.ZERO, true, T0, data.random());
        OAuthClient.Registration twice = once.client().rotated(Duration.ZERO, true, T0, data.random());
        stores.clients().add(twice.client());

        service.issue(request(basic(twice), null));

        assertThat(twice.client().tokenGeneration()).isEqualTo(2);
        assertThat(signer.last().clientGeneration()).isEqualTo(2);
    }

    @Test
    void issueForAClientThatNeverRevokedItsTokensWritesGenerationZero() {
        OAuthClient.Registration client = register("*");

        service.issue(request(basic(client), null));

        assertThat(signer.last().clientGeneration()).isZero();
    }

    @Test
    void issueAfterARotationWithoutRevokeTokensKeepsTheGeneration() {
        OAuthClient.Registration registered = OAuthClient.register(workspace.id(), "client", ScopeSet.of("*"),
                ProjectAccess.all(), T0, data.random());
        OAuthClient.Registration rotated = registered.client().rotated(Duration.ZERO, false, T0, data.random());
        stores.clients().add(rotated.client());

        service.issue(request(basic(rotated), null));

        assertThat(signer.last().clientGeneration()).isZero();
    }

    @Test
    void issueDuringAGracePeriodAcceptsThePreviousSecretUntilItEnds() {
        OAuthClient.Registration registered = OAuthClient.register(workspace.id(), "client", ScopeSet.of("*"),
                ProjectAccess.all(), T0, data.random());
        Instant rotatedAt = NOW.truncatedTo(ChronoUnit.MILLIS);
        OAuthClient.Registration rotated = registered.client().rotated(Duration.ofMinutes(10), false, rotatedAt, data.random());
        stores.clients().add(rotated.client());

        service.issue(request(basic(registered), null));
        service.issue(request(basic(rotated), null));
        clock.set(rotatedAt.plus(Duration.ofMinutes(10)));

        assertThat(refusal(request(basic(registered), null)).code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        service.issue(request(basic(rotated), null));
        assertThat(signer.signed()).hasSize(3);
    }

    private OAuthClient.Registration register(String... scopes) {
        return register(ProjectAccess.all(), ClientStatus.ACTIVE, scopes);
    }

    private OAuthClient.Registration register(ProjectAccess projects, String... scopes) {
        return register(projects, ClientStatus.ACTIVE, scopes);
    }

    /** Stores a client of the workspace with {@code status}, as an admin's later change would leave it. */
    private OAuthClient.Registration register(ProjectAccess projects, ClientStatus status, String... scopes) {
        OAuthClient.Registration registration = OAuthClient.register(workspace.id(), "client", ScopeSet.of(scopes), projects,
                T0, data.random());
        stores.clients().add(TestData.withStatus(registration.client(), status));
        return registration;
    }

    private static ClientAuthentication basic(OAuthClient.Registration client) {
        return basic(client.client().clientId().value(), client.secret().value());
    }

    private static ClientAuthentication basic(String clientId, String secret) {
        return new ClientAuthentication(ClientAuthentication.Method.BASIC, Optional.of(clientId), Optional.of(secret));
    }

    private static IssueAccessTokenCommand request(ClientAuthentication authentication, String scope) {
        return new IssueAccessTokenCommand(Optional.of("client_credentials"), authentication, Optional.ofNullable(scope),
                Optional.empty());
    }

    private OAuthError refusal(IssueAccessTokenCommand command) {
        OAuthException refused = catchThrowableOfType(OAuthException.class, () -> service.issue(command));
        assertThat(refused).as("the request should have been refused").isNotNull();
        return refused.error();
    }
}
