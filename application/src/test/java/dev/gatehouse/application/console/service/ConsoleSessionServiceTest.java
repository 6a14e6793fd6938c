package dev.gatehouse.application.console.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.console.port.in.ConsoleSessionPolicy;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ActiveSession;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ConsoleAccount;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.SignInFailedException;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.SignedIn;
import dev.gatehouse.application.testing.FakePasswordHasher;
import dev.gatehouse.application.testing.InMemoryConsoleSessionRepository;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleSessionServiceTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ConsoleSessionPolicy POLICY = new ConsoleSessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12));

    private final TestData data = new TestData(new SplittableRandom(5));
    private final MutableClock clock = new MutableClock(T0);
    private final CountingHasher passwords = new CountingHasher();
    private Stores stores;
    private InMemoryConsoleSessionRepository sessions;
    private ConsoleSessionService service;
    private User user;
    private ApiKey key;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        sessions = new InMemoryConsoleSessionRepository();
        workspace = data.addWorkspace(stores);
        user = new User(UserId.generate(data.random()), "ada@example.com", "ada", passwords.hash(PASSWORD), T0);
        key = data.apiKey(user.id(), T0).key();
        stores.workspaces().addMemberWithNewUser(user, key, new Membership(workspace.id(), user.id(), Role.ADMIN));
        service = new ConsoleSessionService(sessions, stores.users(), stores.workspaces(), stores.apiKeys(), passwords, POLICY,
                clock, data.random());
        passwords.checked.clear();
    }

    @Test
    void signInWithTheRightPasswordStartsAStoredSession() {
        SignedIn signedIn = service.signIn("ada@example.com", PASSWORD);

        assertThat(signedIn.user()).isEqualTo(user);
        assertThat(sessions.findByIdHash(signedIn.started().id().hash())).contains(signedIn.started().session());
        assertThat(signedIn.started().session().expiresAt()).isEqualTo(T0.plus(POLICY.lifetime()));
    }

    @Test
    void signInIgnoresTheCaseOfTheEmail() {
        assertThat(service.signIn(" ADA@example.COM ", PASSWORD).user()).isEqualTo(user);
    }

    @Test
    void signInWithAWrongPasswordAndWithAnUnknownEmailFailAlikeAfterTheSameHash() {
        SignInFailedException wrong = catchFailure(() -> service.signIn("ada@example.com", "wrong"));
        SignInFailedException unknown = catchFailure(() -> service.signIn("nobody@example.com", PASSWORD));

        assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage()).doesNotContain("ada", "nobody");
        assertThat(passwords.checked).hasSize(2);
        assertThat(passwords.checked.get(1)).isNotEqualTo(user.passwordHash()).startsWith("fake:");
        assertThat(sessions.deleteEnded(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)))).isZero();
    }

    @Test
    void signInRefusesAnOverlongPasswordWithoutHashingIt() {
        assertThatThrownBy(() -> service.signIn("ada@example.com", "x".repeat(ConsoleSessionService.MAX_PASSWORD_LENGTH + 1)))
                .isInstanceOf(SignInFailedException.class);
        assertThat(passwords.checked).isEmpty();
    }

    @Test
    void resumeActsAsTheUserWithTheirLiveKey() {
        SignedIn signedIn = service.signIn("ada@example.com", PASSWORD);

        ActiveSession active = service.resume(signedIn.started().id().value()).orElseThrow();

        assertThat(active.principal().userId()).isEqualTo(user.id());
        assertThat(active.principal().apiKeyId()).isEqualTo(key.id());
        assertThat(active.endsAt()).isEqualTo(T0.plus(POLICY.idleTimeout()));
    }

    @Test
    void resumeAfterTheKeyWasReplacedActsWithTheNewKey() {
        SignedIn signedIn = service.signIn("ada@example.com", PASSWORD);
        ApiKey next = data.apiKey(user.id(), T0.plusSeconds(1)).key();
        stores.apiKeys().replace(key.id(), T0.plusSeconds(1), next);

        ActiveSession active = service.resume(signedIn.started().id().value()).orElseThrow();

        assertThat(active.principal().apiKeyId()).isEqualTo(next.id());
    }

    @Test
    void resumeOfAnUnknownOrMalformedIdIsEmpty() {
        service.signIn("ada@example.com", PASSWORD);

        assertThat(service.resume("A".repeat(43))).isEmpty();
        assertThat(service.resume("not a session")).isEmpty();
        assertThat(service.resume(null)).isEmpty();
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutAndIsDeleted() {
        SignedIn signedIn = service.signIn("ada@example.com", PASSWORD);
        clock.advance(POLICY.idleTimeout());

        assertThat(service.resume(signedIn.started().id().value())).isEmpty();
        assertThat(sessions.findByIdHash(signedIn.started().id().hash())).isEmpty();
    }

    @Test
    void useKeepsASessionAliveUntilItsAbsoluteExpiry() {
        String id = service.signIn("ada@example.com", PASSWORD).started().id().value();
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(service.resume(id)).as("after %d minutes", (i + 1) * 20).isPresent();
        }
        clock.advance(Duration.ofMinutes(20));

        assertThat(service.resume(id)).isEmpty();
    }

    @Test
    void aSessionIsWrittenAtMostOnceAMinute() {
        String id = service.signIn("ada@example.com", PASSWORD).started().id().value();
        clock.advance(Duration.ofSeconds(30));
        service.resume(id);

        assertThat(sessions.findByIdHash(new dev.gatehouse.domain.session.ConsoleSession.SessionId(id).hash()).orElseThrow()
                .lastSeenAt()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(31));
        service.resume(id);

        assertThat(sessions.findByIdHash(new dev.gatehouse.domain.session.ConsoleSession.SessionId(id).hash()).orElseThrow()
                .lastSeenAt()).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void isStillLiveAnswersWithoutKeepingTheSessionAlive() {
        String id = service.signIn("ada@example.com", PASSWORD).started().id().value();
        clock.advance(Duration.ofMinutes(20));

        assertThat(service.isStillLive(id)).isTrue();
        clock.advance(Duration.ofMinutes(10));

        assertThat(service.isStillLive(id)).isFalse();
        assertThat(service.isStillLive("A".repeat(43))).isFalse();
    }

    @Test
    void signOutEndsTheSession() {
        String id = service.signIn("ada@example.com", PASSWORD).started().id().value();

        service.signOut(id);

        assertThat(service.resume(id)).isEmpty();
        assertThat(service.isStillLive(id)).isFalse();
    }

    @Test
    void describeListsTheWorkspacesWithTheRoleAndTheLiveKey() {
        SignedIn signedIn = service.signIn("ada@example.com", PASSWORD);
        ActiveSession active = service.resume(signedIn.started().id().value()).orElseThrow();

        ConsoleAccount account = service.describe(active.principal());

        assertThat(account.user()).isEqualTo(user);
        assertThat(account.workspaces()).singleElement().satisfies(w -> {
            assertThat(w.workspace().id()).isEqualTo(workspace.id());
            assertThat(w.role()).isEqualTo(Role.ADMIN);
        });
        assertThat(account.apiKey()).contains(key);
    }

    @Test
    void purgeDeletesEndedSessionsOnly() {
        String old = service.signIn("ada@example.com", PASSWORD).started().id().value();
        clock.advance(Duration.ofMinutes(29));
        String fresh = service.signIn("ada@example.com", PASSWORD).started().id().value();
        clock.advance(Duration.ofMinutes(2));

        assertThat(service.purgeEnded()).isEqualTo(1);
        assertThat(service.resume(fresh)).isPresent();
        assertThat(service.resume(old)).isEmpty();
    }

    private static SignInFailedException catchFailure(Runnable call) {
        try {
            call.run();
        } catch (SignInFailedException e) {
            return e;
        }
        throw new AssertionError("sign-in did not fail");
    }

    /** The fake hasher, noting every hash it was asked to check a password against. */
    private static final class CountingHasher implements PasswordHasher {
        private final FakePasswordHasher fake = new FakePasswordHasher();
        final List<String> checked = new ArrayList<>();

        @Override
        public String hash(String password) {
            return fake.hash(password);
        }

        @Override
        public boolean matches(String password, String encodedHash) {
            checked.add(encodedHash);
            return fake.matches(password, encodedHash);
        }
    }
}
