package dev.gatehouse.application.client.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases.RotateClientSecretCommand;
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases.UpdateOAuthClientCommand;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.application.shared.ConflictException;
import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.testing.ForwardingOAuthClientRepository;
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
import dev.gatehouse.application.token.service.ClientAuthenticator;
import dev.gatehouse.application.token.service.IssueAccessTokenService;
import dev.gatehouse.application.token.service.LastUsedTracker;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManageOAuthClientServiceTest {

    private static final String ISSUER = "https://auth.gatehouse.test";
    private static final String SOURCE_IP = "203.0.113.9";
    private static final Duration TTL = Duration.ofHours(1);

    private final TestData data = new TestData(new SplittableRandom(21));
    private final MutableClock clock = new MutableClock(T0);
    private final FakeAccessTokenSigner signer = new FakeAccessTokenSigner();
    private final List<ExecutorService> pools = new ArrayList<>();
    private Stores stores;
    private InMemoryAuditLog audit;
    private CredentialRevocations revocations;
    private ManageOAuthClientService service;
    private ClientAuthenticator authenticator;
    private IssueAccessTokenService tokens;
    private AuthenticateBearerService bearer;
    private Workspace workspace;
    private User admin;
    private Actor actor;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        service = service(stores.clients(), data.random());
        authenticator = new ClientAuthenticator(stores.clients(), new AuthenticationFailureAggregator(audit, clock), clock);
        tokens = new IssueAccessTokenService(authenticator, new LastUsedTracker(stores.clients()), signer,
                ScopeCatalog.standard(), new TokenPolicy(ISSUER, TTL), clock, data.random());
        bearer = new AuthenticateBearerService(stores.apiKeys(), new FakeAccessTokenVerifier(signer), stores.clients(),
                revocations, clock, 100);
        workspace = data.addWorkspace(stores);
        admin = data.addMember(stores, workspace.id(), Role.ADMIN);
        actor = new Actor(admin.id(), SOURCE_IP);
    }

    @AfterEach
    void stopPools() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private ManageOAuthClientService service(OAuthClientRepository clients, RandomGenerator random) {
        return new ManageOAuthClientService(clients, new WorkspaceAccess(stores.workspaces()), ScopeCatalog.standard(),
                revocations, audit, clock, random);
    }

    // update

    @Test
    void updateChangesTheNameScopesAndProjectsAndStoresTheNextVersion() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        ProjectId p1 = ProjectId.generate(data.random());
        ProjectId p2 = ProjectId.generate(data.random());
        clock.advance(Duration.ofMinutes(3));

        OAuthClient updated = service.update(update(client, Optional.of("renamed"),
                Optional.of(List.of("workspace:read", "connect:proxy")),
                Optional.of(Optional.of(List.of(p1.value(), p2.value())))));

        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.allowedScopes().asStrings()).containsExactly("workspace:read", "connect:proxy");
        assertThat(updated.projects()).isEqualTo(ProjectAccess.only(List.of(p1, p2)));
        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(updated.secretHash()).isEqualTo(client.client().secretHash());
        assertThat(updated.tokenGeneration()).isZero();
        assertThat(stored(client)).isEqualTo(updated);
    }

    @Test
    void updateLeavesAbsentFieldsAsTheyAre() {
        ProjectId p1 = ProjectId.generate(data.random());
        OAuthClient.Registration client = register(ProjectAccess.only(List.of(p1)), "workspace:read");

        OAuthClient updated = service.update(update(client, Optional.of("only the name"), Optional.empty(), Optional.empty()));

        assertThat(updated.name()).isEqualTo("only the name");
        assertThat(updated.allowedScopes()).isEqualTo(client.client().allowedScopes());
        assertThat(updated.projects()).isEqualTo(ProjectAccess.only(List.of(p1)));
    }

    @Test
    void updateWhenProjectsPresentWithoutAListThenAllProjects() {
        OAuthClient.Registration client = register(ProjectAccess.only(List.of(ProjectId.generate(data.random()))), "*");

        OAuthClient updated = service.update(update(client, Optional.empty(), Optional.empty(), Optional.of(Optional.empty())));

        assertThat(updated.projects().isRestricted()).isFalse();
        assertThat(stored(client).projects().isRestricted()).isFalse();
    }

    @Test
    void updateWhenProjectsAnEmptyListThenRestrictedToNone() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        OAuthClient updated = service.update(update(client, Optional.empty(), Optional.empty(), Optional.of(Optional.of(List.of()))));

        assertThat(updated.projects().isRestricted()).isTrue();
        assertThat(updated.projects().restrictedTo().orElseThrow()).isEmpty();
    }

    @Test
    void updateIsAuditedWithActorSourceIpAndTheChangedFields() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        clock.advance(Duration.ofSeconds(7));

        service.update(update(client, Optional.of("renamed"), Optional.of(List.of("audit:read")), Optional.empty()));

        assertThat(audit.events()).containsExactly(new AuditEvent.OAuthClientChanged(workspace.id(), admin.id(), SOURCE_IP,
                "updated", client.client().clientId(), "changed: name,scopes", T0.plusSeconds(7)));
        assertThat(audit.events().get(0).type()).isEqualTo("oauth_client.updated");
    }

    @Test
    void updateWhenScopesChangedThenNewTokensGetTheNewGrantAndIssuedOnesKeepTheirs() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "workspace:read", "audit:read");
        String before = issue(client);

        service.update(update(client, Optional.empty(), Optional.of(List.of("workspace:read")), Optional.empty()));
        String after = issue(client);

        assertThat(((Principal.WorkspaceClient) bearer.authenticate(before)).scopes().asStrings())
                .containsExactly("workspace:read", "audit:read");
        assertThat(((Principal.WorkspaceClient) bearer.authenticate(after)).scopes().asStrings())
                .containsExactly("workspace:read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch:scope", "workspace:write", "bad scope"})
    void updateWhenScopeUnknownOrMalformedThenInvalidInputAndNothingChanges(String scope) {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.update(update(client, Optional.of("renamed"), Optional.of(List.of(scope)),
                Optional.empty()))).isInstanceOf(InvalidInputException.class);

        assertUnchanged(client);
    }

    @Test
    void updateWhenScopesEmptyThenInvalidInput() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.update(update(client, Optional.empty(), Optional.of(List.of()), Optional.empty())))
                .isInstanceOf(InvalidInputException.class);
        assertUnchanged(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void updateWhenNameBlankThenInvalidInput(String name) {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.update(update(client, Optional.of(name), Optional.empty(), Optional.empty())))
                .isInstanceOf(InvalidInputException.class);
        assertUnchanged(client);
    }

    @Test
    void updateWhenNameTooLongThenInvalidInput() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.update(update(client, Optional.of("n".repeat(201)), Optional.empty(), Optional.empty())))
                .isInstanceOf(InvalidInputException.class);
        assertUnchanged(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-project", "proj_", "proj_bad!", "oc_abc"})
    void updateWhenAProjectIdIsMalformedThenInvalidInput(String project) {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.update(update(client, Optional.empty(), Optional.empty(),
                Optional.of(Optional.of(List.of(project)))))).isInstanceOf(InvalidInputException.class);
        assertUnchanged(client);
    }

    @Test
    void updateWhenCallerIsAMemberThenForbidden() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThatThrownBy(() -> service.update(new UpdateOAuthClientCommand(new Actor(member.id(), SOURCE_IP), workspace.id(),
                client.client().id(), Optional.of("x"), Optional.empty(), Optional.empty())))
                .isInstanceOf(ForbiddenException.class);
        assertUnchanged(client);
    }

    @Test
    void updateWhenCallerIsTheOwnerThenAllowed() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        User owner = data.addMember(stores, workspace.id(), Role.OWNER);

        service.update(new UpdateOAuthClientCommand(new Actor(owner.id(), SOURCE_IP), workspace.id(), client.client().id(),
                Optional.of("by the owner"), Optional.empty(), Optional.empty()));

        assertThat(stored(client).name()).isEqualTo("by the owner");
    }

    @Test
    void updateWhenCallerIsAnOutsiderThenNotFound() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        Workspace other = data.addWorkspace(stores);
        User outsider = data.addMember(stores, other.id(), Role.OWNER);

        assertThatThrownBy(() -> service.update(new UpdateOAuthClientCommand(new Actor(outsider.id(), SOURCE_IP),
                workspace.id(), client.client().id(), Optional.of("x"), Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFoundException.class);
        assertUnchanged(client);
    }

    @Test
    void updateWhenTheClientBelongsToAnotherWorkspaceThenNotFound() {
        Workspace other = data.addWorkspace(stores);
        OAuthClient.Registration theirs = register(other.id(), ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.update(update(theirs, Optional.of("hijacked"), Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFoundException.class);
        assertUnchanged(theirs);
    }

    @Test
    void updateWhenTheClientIsUnknownThenNotFound() {
        assertThatThrownBy(() -> service.update(new UpdateOAuthClientCommand(actor, workspace.id(),
                OAuthClientRecordId.generate(data.random()), Optional.of("x"), Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFoundException.class);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void updateWhenTheClientIsDeletedThenNotFound() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        service.delete(actor, workspace.id(), client.client().id());
        OAuthClient deleted = stored(client);

        assertThatThrownBy(() -> service.update(update(client, Optional.of("revived"), Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFoundException.class);
        assertThat(stored(client)).isEqualTo(deleted);
    }

    @Test
    void updateWhenAnotherChangeLandsFirstThenRetriesOnTheFreshStateAndLosesNeither() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        AtomicInteger interrupted = new AtomicInteger();
        OAuthClientRepository racing = new RacingRepository(stores.clients(), next -> {
            if (interrupted.getAndIncrement() == 0) {
                OAuthClient current = stores.clients().findById(next.id()).orElseThrow();
                stores.clients().update(current.patched(Optional.of("renamed meanwhile"), Optional.empty(), Optional.empty(),
                        clock.instant()));
            }
        });

        OAuthClient updated = service(racing, data.random()).update(update(client, Optional.empty(),
                Optional.of(List.of("audit:read")), Optional.empty()));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(stored(client).name()).isEqualTo("renamed meanwhile");
        assertThat(stored(client).allowedScopes().asStrings()).containsExactly("audit:read");
        assertThat(audit.events()).hasSize(1);
    }

    @Test
    void updateWhenEveryWriteLosesThenConflictAndNothingAudited() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        OAuthClientRepository alwaysStale = new RacingRepository(stores.clients(), next -> {
            OAuthClient current = stores.clients().findById(next.id()).orElseThrow();
            stores.clients().update(current.patched(Optional.empty(), Optional.empty(), Optional.empty(), clock.instant()));
        });

        assertThatThrownBy(() -> service(alwaysStale, data.random()).update(update(client, Optional.of("never"),
                Optional.empty(), Optional.empty()))).isInstanceOf(ConflictException.class);

        assertThat(stored(client).name()).isEqualTo(client.client().name());
        assertThat(audit.events()).isEmpty();
    }

    // rotate

    @Test
    void rotateWithoutGraceRefusesTheOldSecretAtOnceAndAcceptsTheNewOne() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        OAuthClient.Registration rotated = service.rotate(rotate(client, Duration.ZERO, false));

        assertThat(rotated.secret().value()).isNotEqualTo(client.secret().value());
        assertThat(authenticates(client.client().clientId(), rotated.secret().value())).isTrue();
        assertThat(authenticates(client.client().clientId(), client.secret().value())).isFalse();
        assertThat(stored(client).previousSecretHash()).isEmpty();
        assertThat(stored(client).version()).isEqualTo(1);
        assertThat(stored(client)).isEqualTo(rotated.client());
    }

    @Test
    void rotateWithGraceAcceptsBothSecretsUntilTheGraceEnds() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        clock.advance(Duration.ofMinutes(1));
        Instant rotatedAt = clock.instant();

        OAuthClient.Registration rotated = service.rotate(rotate(client, Duration.ofHours(1), false));

        assertThat(stored(client).previousSecretExpiresAt()).contains(rotatedAt.plus(Duration.ofHours(1)));
        assertThat(authenticates(client.client().clientId(), client.secret().value())).isTrue();
        assertThat(authenticates(client.client().clientId(), rotated.secret().value())).isTrue();

        clock.set(rotatedAt.plus(Duration.ofHours(1)).minusMillis(1));
        assertThat(authenticates(client.client().clientId(), client.secret().value())).as("just before the end").isTrue();

        clock.set(rotatedAt.plus(Duration.ofHours(1)));
        assertThat(authenticates(client.client().clientId(), client.secret().value())).as("when the grace ends").isFalse();
        assertThat(authenticates(client.client().clientId(), rotated.secret().value())).isTrue();
    }

    @Test
    void rotateAgainDuringTheGraceDropsTheFirstSecret() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        OAuthClient.Registration second = service.rotate(rotate(client, Duration.ofHours(1), false));

        OAuthClient.Registration third = service.rotate(rotate(client, Duration.ofHours(1), false));

        assertThat(authenticates(client.client().clientId(), client.secret().value())).isFalse();
        assertThat(authenticates(client.client().clientId(), second.secret().value())).isTrue();
        assertThat(authenticates(client.client().clientId(), third.secret().value())).isTrue();
    }

    @Test
    void rotateWithoutRevokeTokensLeavesIssuedTokensValid() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client);
        bearer.authenticate(token);

        service.rotate(rotate(client, Duration.ZERO, false));

        assertThat(bearer.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
        assertThat(stored(client).tokenGeneration()).isZero();
    }

    @Test
    void rotateWithRevokeTokensMovesTheGenerationOnAndRefusesEarlierTokensCachedOrNot() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String cached = issue(client);
        Principal cachedPrincipal = bearer.authenticate(cached);
        String uncached = issue(client);

        OAuthClient.Registration rotated = service.rotate(rotate(client, Duration.ZERO, true));
        String fresh = issue(rotated);

        assertThat(stored(client).tokenGeneration()).isEqualTo(1);
        assertThat(signer.last().clientGeneration()).isEqualTo(1);
        assertRefused(cached);
        assertRefused(uncached);
        assertThat(bearer.isStillValid(cachedPrincipal)).isFalse();
        assertThat(((Principal.WorkspaceClient) bearer.authenticate(fresh)).tokenGeneration()).isEqualTo(1);
    }

    @Test
    void rotateWithRevokeTokensAndGraceStillRefusesEarlierTokens() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String token = issue(client);
        bearer.authenticate(token);

        service.rotate(rotate(client, Duration.ofHours(1), true));

        assertRefused(token);
        assertThat(issue(client)).as("the old secret still gets tokens during the grace").isNotBlank();
        assertThat(signer.last().clientGeneration()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 604_801})
    void rotateWhenGraceOutOfBoundsThenInvalidInputAndNothingChanges(long seconds) {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.rotate(rotate(client, Duration.ofSeconds(seconds), false)))
                .isInstanceOf(InvalidInputException.class);
        assertUnchanged(client);
    }

    @Test
    void rotateWithTheLongestGraceIsAllowed() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        service.rotate(rotate(client, OAuthClient.MAX_GRACE_PERIOD, false));

        assertThat(stored(client).previousSecretExpiresAt()).contains(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void rotateIsAuditedWithActorSourceIpAndNeverASecret() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        OAuthClient.Registration rotated = service.rotate(rotate(client, Duration.ofSeconds(90), true));

        assertThat(audit.events()).containsExactly(new AuditEvent.OAuthClientChanged(workspace.id(), admin.id(), SOURCE_IP,
                "secret_rotated", client.client().clientId(), "grace_period_seconds=90, revoke_tokens=true", T0));
        assertNoSecretAudited(client.secret().value(), rotated.secret().value(),
                client.client().secretHash().hex(), rotated.client().secretHash().hex());
    }

    @Test
    void rotateWhenCallerIsAMemberThenForbidden() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThatThrownBy(() -> service.rotate(new RotateClientSecretCommand(new Actor(member.id(), SOURCE_IP), workspace.id(),
                client.client().id(), Duration.ZERO, false))).isInstanceOf(ForbiddenException.class);
        assertUnchanged(client);
    }

    @Test
    void rotateWhenCallerIsAnOutsiderThenNotFound() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        User outsider = data.addUser(stores);

        assertThatThrownBy(() -> service.rotate(new RotateClientSecretCommand(new Actor(outsider.id(), SOURCE_IP),
                workspace.id(), client.client().id(), Duration.ZERO, false))).isInstanceOf(NotFoundException.class);
        assertUnchanged(client);
    }

    @Test
    void rotateWhenTheClientBelongsToAnotherWorkspaceThenNotFound() {
        Workspace other = data.addWorkspace(stores);
        OAuthClient.Registration theirs = register(other.id(), ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.rotate(rotate(theirs, Duration.ZERO, true))).isInstanceOf(NotFoundException.class);
        assertUnchanged(theirs);
        assertThat(authenticates(theirs.client().clientId(), theirs.secret().value())).isTrue();
    }

    @Test
    void rotateWhenTheClientIsDeletedThenNotFound() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        service.delete(actor, workspace.id(), client.client().id());

        assertThatThrownBy(() -> service.rotate(rotate(client, Duration.ZERO, false))).isInstanceOf(NotFoundException.class);
        assertThat(stored(client).status()).isEqualTo(ClientStatus.DELETED);
        assertThat(stored(client).secretHash()).isEqualTo(client.client().secretHash());
    }

    @Test
    void rotateFromManyThreadsAtOnceLosesNoRotationAndLeavesExactlyOneCurrentSecret() throws Exception {
        int threads = 50;
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        ManageOAuthClientService shared = service(stores.clients(), new SecureRandom());
        ExecutorService pool = pool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OAuthClient.Registration>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<OAuthClient.Registration> rotation = () -> {
                start.await();
                return shared.rotate(rotate(client, Duration.ZERO, false));
            };
            futures.add(pool.submit(rotation));
        }

        start.countDown();
        List<OAuthClient.Registration> results = new ArrayList<>();
        for (Future<OAuthClient.Registration> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }

        OAuthClient stored = stored(client);
        assertThat(stored.version()).isEqualTo(threads);
        assertThat(results).extracting(r -> r.client().version())
                .containsExactlyInAnyOrderElementsOf(range(1, threads));
        List<String> accepted = results.stream().map(r -> r.secret().value())
                .filter(secret -> authenticates(client.client().clientId(), secret))
                .toList();
        assertThat(accepted).hasSize(1);
        OAuthClient.Registration last = results.stream().filter(r -> r.client().version() == threads).findFirst().orElseThrow();
        assertThat(accepted).containsExactly(last.secret().value());
        assertThat(stored).isEqualTo(last.client());
        assertThat(authenticates(client.client().clientId(), client.secret().value())).isFalse();
        assertThat(audit.events()).hasSize(threads)
                .allSatisfy(e -> assertThat(e.type()).isEqualTo("oauth_client.secret_rotated"));
    }

    // delete

    @Test
    void deleteLeavesATombstoneAndTheClientCanGetNoMoreTokens() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        clock.advance(Duration.ofSeconds(5));

        service.delete(actor, workspace.id(), client.client().id());

        OAuthClient stored = stored(client);
        assertThat(stored.status()).isEqualTo(ClientStatus.DELETED);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(stores.clients().listByWorkspace(workspace.id())).isEmpty();
        assertThat(authenticates(client.client().clientId(), client.secret().value())).isFalse();
        OAuthException refused = catchThrowableOfType(OAuthException.class, () -> issue(client));
        assertThat(refused.error().code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
    }

    @Test
    void deleteMakesTheClientsLiveTokensFailCachedOrNot() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        String cached = issue(client);
        Principal cachedPrincipal = bearer.authenticate(cached);
        String uncached = issue(client);

        service.delete(actor, workspace.id(), client.client().id());

        assertRefused(cached);
        assertRefused(uncached);
        assertThat(bearer.isStillValid(cachedPrincipal)).isFalse();
        assertThat(revocations.clientAccepts(client.client().clientId(), 0)).isFalse();
    }

    @Test
    void deleteLeavesTheWorkspacesOtherClientsWorking() {
        OAuthClient.Registration deleted = register(ProjectAccess.all(), "*");
        OAuthClient.Registration kept = register(ProjectAccess.all(), "*");
        String token = issue(kept);

        service.delete(actor, workspace.id(), deleted.client().id());

        assertThat(bearer.authenticate(token)).isInstanceOf(Principal.WorkspaceClient.class);
        assertThat(authenticates(kept.client().clientId(), kept.secret().value())).isTrue();
        assertThat(stores.clients().listByWorkspace(workspace.id())).extracting(OAuthClient::id)
                .containsExactly(kept.client().id());
    }

    @Test
    void deleteIsAudited() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");

        service.delete(actor, workspace.id(), client.client().id());

        assertThat(audit.events()).containsExactly(new AuditEvent.OAuthClientChanged(workspace.id(), admin.id(), SOURCE_IP,
                "deleted", client.client().clientId(), "", T0));
        assertNoSecretAudited(client.secret().value(), client.client().secretHash().hex());
    }

    @Test
    void deleteTwiceThenNotFound() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        service.delete(actor, workspace.id(), client.client().id());

        assertThatThrownBy(() -> service.delete(actor, workspace.id(), client.client().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(stored(client).version()).isEqualTo(1);
        assertThat(audit.events()).hasSize(1);
    }

    @Test
    void deleteWhenCallerIsAMemberThenForbiddenAndTheClientStillWorks() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        User member = data.addMember(stores, workspace.id(), Role.MEMBER);

        assertThatThrownBy(() -> service.delete(new Actor(member.id(), SOURCE_IP), workspace.id(), client.client().id()))
                .isInstanceOf(ForbiddenException.class);
        assertUnchanged(client);
        assertThat(authenticates(client.client().clientId(), client.secret().value())).isTrue();
    }

    @Test
    void deleteWhenCallerIsAnOutsiderThenNotFound() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        User outsider = data.addUser(stores);

        assertThatThrownBy(() -> service.delete(new Actor(outsider.id(), SOURCE_IP), workspace.id(), client.client().id()))
                .isInstanceOf(NotFoundException.class);
        assertUnchanged(client);
    }

    @Test
    void deleteWhenTheClientBelongsToAnotherWorkspaceThenNotFound() {
        Workspace other = data.addWorkspace(stores);
        OAuthClient.Registration theirs = register(other.id(), ProjectAccess.all(), "*");

        assertThatThrownBy(() -> service.delete(actor, workspace.id(), theirs.client().id()))
                .isInstanceOf(NotFoundException.class);
        assertUnchanged(theirs);
    }

    @Test
    void noAuditEventOfAnyChangeCarriesASecret() {
        OAuthClient.Registration client = register(ProjectAccess.all(), "*");
        List<String> secrets = new ArrayList<>(List.of(client.secret().value(), client.client().secretHash().hex()));

        service.update(update(client, Optional.of("renamed"), Optional.of(List.of("workspace:read")), Optional.empty()));
        for (int i = 0; i < 3; i++) {
            OAuthClient.Registration rotated = service.rotate(rotate(client, Duration.ofMinutes(i), i % 2 == 0));
            secrets.add(rotated.secret().value());
            secrets.add(rotated.client().secretHash().hex());
        }
        service.delete(actor, workspace.id(), client.client().id());

        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly("oauth_client.updated",
                "oauth_client.secret_rotated", "oauth_client.secret_rotated", "oauth_client.secret_rotated",
                "oauth_client.deleted");
        assertThat(audit.events()).allSatisfy(e -> assertThat(e.details())
                .containsEntry("actor", admin.id().value())
                .containsEntry("source_ip", SOURCE_IP)
                .containsEntry("client_id", client.client().clientId().value()));
        assertNoSecretAudited(secrets.toArray(String[]::new));
    }

    private void assertNoSecretAudited(String... secrets) {
        List<String> texts = new ArrayList<>();
        for (AuditEvent event : audit.events()) {
            texts.addAll(event.details().values());
            texts.add(event.toString());
        }
        for (RecordedAuditEvent recorded : audit.after(workspace.id(), 0, 1000)) {
            texts.addAll(recorded.details().values());
        }
        assertThat(texts).isNotEmpty();
        for (String secret : secrets) {
            assertThat(texts).noneMatch(text -> text.contains(secret));
        }
    }

    private OAuthClient.Registration register(ProjectAccess projects, String... scopes) {
        return register(workspace.id(), projects, scopes);
    }

    private OAuthClient.Registration register(WorkspaceId in, ProjectAccess projects, String... scopes) {
        OAuthClient.Registration registration = OAuthClient.register(in, "client", ScopeSet.of(scopes), projects,
                clock.instant(), data.random());
        stores.clients().add(registration.client());
        return registration;
    }

    private UpdateOAuthClientCommand update(OAuthClient.Registration client, Optional<String> name,
                                            Optional<List<String>> scopes, Optional<Optional<List<String>>> projects) {
        return new UpdateOAuthClientCommand(actor, workspace.id(), client.client().id(), name, scopes, projects);
    }

    private RotateClientSecretCommand rotate(OAuthClient.Registration client, Duration grace, boolean revokeTokens) {
        return new RotateClientSecretCommand(actor, workspace.id(), client.client().id(), grace, revokeTokens);
    }

    private OAuthClient stored(OAuthClient.Registration client) {
        return stores.clients().findById(client.client().id()).orElseThrow();
    }

    private void assertUnchanged(OAuthClient.Registration client) {
        assertThat(stored(client)).isEqualTo(client.client());
        assertThat(audit.events()).noneMatch(e -> e instanceof AuditEvent.OAuthClientChanged);
    }

    private boolean authenticates(ClientId clientId, String secret) {
        try {
            authenticator.authenticate(new ClientAuthentication(ClientAuthentication.Method.BASIC,
                    Optional.of(clientId.value()), Optional.of(secret)));
            return true;
        } catch (OAuthException e) {
            assertThat(e.error().code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
            return false;
        }
    }

    private String issue(OAuthClient.Registration client) {
        return tokens.issue(new IssueAccessTokenCommand(Optional.of("client_credentials"),
                new ClientAuthentication(ClientAuthentication.Method.BASIC, Optional.of(client.client().clientId().value()),
                        Optional.of(client.secret().value())), Optional.empty(), Optional.empty())).accessToken();
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> bearer.authenticate(token)).isInstanceOf(InvalidCredentialException.class);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    /** Runs {@code beforeUpdate} just before each update, as a change made meanwhile by another request would. */
    private static final class RacingRepository extends ForwardingOAuthClientRepository {
        private final Consumer<OAuthClient> beforeUpdate;

        RacingRepository(OAuthClientRepository delegate, Consumer<OAuthClient> beforeUpdate) {
            super(delegate);
            this.beforeUpdate = beforeUpdate;
        }

        @Override
        public boolean update(OAuthClient next) {
            beforeUpdate.accept(next);
            return super.update(next);
        }
    }
}
