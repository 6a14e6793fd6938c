package dev.gatehouse.application.apikey.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.FakeAccessTokenVerifier;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevokeApiKeyServiceTest {

    /** The clock reads a time finer than a millisecond; stored times are whole milliseconds. */
    private static final Instant NOW = T0.plusSeconds(60).plusNanos(456_789);
    private static final Instant NOW_MILLIS = T0.plusSeconds(60);

    private final TestData data = new TestData(new SplittableRandom(13));
    private final MutableClock clock = new MutableClock(NOW);
    private Stores stores;
    private InMemoryAuditLog audit;
    private CredentialRevocations revocations;
    private RevokeApiKeyService service;
    private AuthenticateBearerService bearer;
    private User user;
    private ApiKey.Issued key;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        service = new RevokeApiKeyService(stores.apiKeys(), stores.workspaces(), revocations, audit, clock, data.random());
        bearer = new AuthenticateBearerService(stores.apiKeys(), new FakeAccessTokenVerifier(new FakeAccessTokenSigner()),
                stores.clients(), revocations, clock, 100);
        user = data.addUser(stores);
        key = data.apiKey(user.id(), T0);
        stores.apiKeys().save(key.key());
    }

    @Test
    void revokeReturnsANewLiveKeyThatAuthenticatesTheUser() {
        ApiKey.Issued next = service.revoke(user.id(), key.key().id());

        assertThat(CredentialKind.API_KEY.isWellFormed(next.plaintext().value())).isTrue();
        assertThat(next.plaintext().value()).isNotEqualTo(key.plaintext().value());
        assertThat(next.key().userId()).isEqualTo(user.id());
        assertThat(next.key().createdAt()).isEqualTo(NOW_MILLIS);
        assertThat(stores.apiKeys().findLiveByUser(user.id())).contains(next.key());
        assertThat(bearer.authenticate(next.plaintext().value())).isEqualTo(new Principal.User(user.id(), next.key().id()));
    }

    @Test
    void revokeMarksTheOldKeyRevokedAtNow() {
        service.revoke(user.id(), key.key().id());

        assertThat(stores.apiKeys().findByHash(key.key().hash())).map(ApiKey::revokedAt).contains(Optional.of(NOW_MILLIS));
    }

    @Test
    void revokeMakesTheOldKeyFailAtOnceEvenIfItWasJustUsed() {
        Principal before = bearer.authenticate(key.plaintext().value());

        service.revoke(user.id(), key.key().id());

        assertThatThrownBy(() -> bearer.authenticate(key.plaintext().value())).isInstanceOf(InvalidCredentialException.class);
        assertThat(bearer.isStillValid(before)).isFalse();
    }

    @Test
    void revokeAgainWithTheOldKeyIdThenInvalidCredentialAndNoOtherKeyIssued() {
        ApiKey.Issued next = service.revoke(user.id(), key.key().id());

        assertThatThrownBy(() -> service.revoke(user.id(), key.key().id())).isInstanceOf(InvalidCredentialException.class);
        assertThat(stores.apiKeys().findLiveByUser(user.id())).contains(next.key());
        assertThat(bearer.authenticate(next.plaintext().value())).isInstanceOf(Principal.User.class);
    }

    @Test
    void revokeOfAnUnknownKeyThenInvalidCredential() {
        assertThatThrownBy(() -> service.revoke(user.id(), ApiKeyId.generate(data.random())))
                .isInstanceOf(InvalidCredentialException.class);
        assertThat(stores.apiKeys().findLiveByUser(user.id())).contains(key.key());
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void revokeFromManyThreadsAtOnceThenOneNewKeyAndTheOthersRefused() throws Exception {
        Workspace workspace = data.addWorkspace(stores);
        stores.workspaces().putMembership(new Membership(workspace.id(), user.id(), Role.MEMBER));
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<ApiKey.Issued> issued = new ArrayList<>();
        int refused = 0;
        try {
            List<Future<ApiKey.Issued>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<ApiKey.Issued> task = () -> {
                    start.await();
                    return service.revoke(user.id(), key.key().id());
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<ApiKey.Issued> result : results) {
                try {
                    issued.add(result.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(InvalidCredentialException.class);
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(issued).hasSize(1);
        assertThat(refused).isEqualTo(threads - 1);
        assertThat(stores.apiKeys().findLiveByUser(user.id())).contains(issued.get(0).key());
        assertThat(audit.events()).as("only the winner records the revocation").hasSize(1);
    }

    @Test
    void revokeRecordsApiKeyRevokedInEachWorkspaceOfTheUser() {
        Workspace first = data.addWorkspace(stores);
        Workspace second = data.addWorkspace(stores, T0.plusSeconds(1));
        Workspace notTheirs = data.addWorkspace(stores);
        stores.workspaces().putMembership(new Membership(first.id(), user.id(), Role.OWNER));
        stores.workspaces().putMembership(new Membership(second.id(), user.id(), Role.MEMBER));
        data.addMember(stores, notTheirs.id(), Role.OWNER);

        service.revoke(user.id(), key.key().id());

        assertThat(audit.events()).containsExactlyInAnyOrder(
                new AuditEvent.ApiKeyRevoked(first.id(), user.id(), NOW_MILLIS),
                new AuditEvent.ApiKeyRevoked(second.id(), user.id(), NOW_MILLIS));
    }

    @Test
    void revokeLeavesOtherUsersKeysWorking() {
        User other = data.addUser(stores);
        ApiKey.Issued othersKey = data.apiKey(other.id(), T0);
        stores.apiKeys().save(othersKey.key());

        service.revoke(user.id(), key.key().id());

        assertThat(bearer.authenticate(othersKey.plaintext().value())).isEqualTo(new Principal.User(other.id(), othersKey.key().id()));
    }
}
