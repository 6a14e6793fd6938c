package dev.gatehouse.application.console.service;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.console.port.in.ConsoleSessionPolicy;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ActiveSession;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ConsoleAccount;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.SignInFailedException;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.SignedIn;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.WorkspaceRole;
import dev.gatehouse.application.console.port.out.ConsoleSessionRepository;
import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.session.ConsoleSession;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Console sign-in, sessions and sign-out. Passwords are checked with the slow {@link PasswordHasher}; for an
 * unknown email the same check runs against a dummy hash, so the answer and its time are the same either way.
 * A session's last use is written at most once a minute, so that a busy page does not write on every request.
 */
public final class ConsoleSessionService implements ConsoleSessionUseCases.SignInUseCase,
        ConsoleSessionUseCases.ResumeSessionUseCase, ConsoleSessionUseCases.SignOutUseCase,
        ConsoleSessionUseCases.DescribeAccountUseCase {

    /** Longer passwords are refused unhashed: no password we hand out is near this, and it bounds the work. */
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /** How stale the stored last use may get before a request writes it again. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ConsoleSessionRepository sessions;
    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository apiKeys;
    private final PasswordHasher passwords;
    private final ConsoleSessionPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private volatile String dummyHash;

    public ConsoleSessionService(ConsoleSessionRepository sessions, UserRepository users, WorkspaceRepository workspaces,
                                 ApiKeyRepository apiKeys, PasswordHasher passwords, ConsoleSessionPolicy policy,
                                 Clock clock, RandomGenerator random) {
        this.sessions = sessions;
        this.users = users;
        this.workspaces = workspaces;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public SignedIn signIn(String email, String password) {
        if (email == null || password == null || password.length() > MAX_PASSWORD_LENGTH || email.length() > 254) {
            throw new SignInFailedException();
        }
        String dummy = dummyHash();
        Optional<User> user = users.findByEmail(email.strip());
        String hash = user.map(User::passwordHash).orElse(dummy);
        boolean matches = passwords.matches(password, hash);
        if (user.isEmpty() || !matches) {
            throw new SignInFailedException();
        }
        Optional<ApiKey> key = apiKeys.findLiveByUser(user.get().id());
        if (key.isEmpty()) {
            throw new SignInFailedException();
        }
        ConsoleSession.Started started = ConsoleSession.start(user.get().id(), now(), policy.lifetime(), random);
        sessions.add(started.session());
        return new SignedIn(started, user.get(), new Principal.User(user.get().id(), key.get().id()),
                started.session().endsAt(policy.idleTimeout()));
    }

    @Override
    public Optional<ActiveSession> resume(String sessionId) {
        if (!ConsoleSession.SessionId.isWellFormed(sessionId)) {
            return Optional.empty();
        }
        ConsoleSession.SessionId id = new ConsoleSession.SessionId(sessionId);
        Optional<ConsoleSession> found = sessions.findByIdHash(id.hash());
        if (found.isEmpty() || !found.get().idHash().matches(sessionId)) {
            return Optional.empty();
        }
        ConsoleSession session = found.get();
        Instant now = now();
        if (!session.isLiveAt(now, policy.idleTimeout())) {
            sessions.delete(session.idHash());
            return Optional.empty();
        }
        Optional<ApiKey> key = apiKeys.findLiveByUser(session.userId());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            sessions.touch(session.idHash(), now);
            session = session.seenAt(now);
        }
        return Optional.of(new ActiveSession(session, new Principal.User(session.userId(), key.get().id()),
                session.endsAt(policy.idleTimeout())));
    }

    @Override
    public boolean isStillLive(String sessionId) {
        if (!ConsoleSession.SessionId.isWellFormed(sessionId)) {
            return false;
        }
        return sessions.findByIdHash(new ConsoleSession.SessionId(sessionId).hash())
                .filter(session -> session.idHash().matches(sessionId))
                .filter(session -> session.isLiveAt(now(), policy.idleTimeout()))
                .isPresent();
    }

    @Override
    public void signOut(String sessionId) {
        if (ConsoleSession.SessionId.isWellFormed(sessionId)) {
            sessions.delete(new ConsoleSession.SessionId(sessionId).hash());
        }
    }

    @Override
    public ConsoleAccount describe(Principal.User principal) {
        User user = users.findById(principal.userId())
                .orElseThrow(() -> new IllegalStateException("a signed-in user has no user record"));
        List<WorkspaceRole> roles = new ArrayList<>();
        for (Workspace workspace : workspaces.findWorkspacesOf(user.id())) {
            workspaces.findMembership(workspace.id(), user.id())
                    .map(Membership::role)
                    .ifPresent(role -> roles.add(new WorkspaceRole(workspace, role)));
        }
        return new ConsoleAccount(user, roles, apiKeys.findLiveByUser(user.id()));
    }

    /**
     * A hash of a random password, checked in place of a user's when the email is unknown. Made on the first
     * sign-in of any kind, so that the server starts without the cost and every first sign-in pays it alike.
     */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            synchronized (this) {
                if (dummyHash == null) {
                    dummyHash = passwords.hash(Base62.random(random, 24));
                }
                hash = dummyHash;
            }
        }
        return hash;
    }

    /** Deletes the sessions that have ended; run now and then so that the table does not grow. */
    public int purgeEnded() {
        Instant now = now();
        return sessions.deleteEnded(now, now.minus(policy.idleTimeout()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
