package dev.gatehouse.application.console.port.in;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.session.ConsoleSession;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Signing in to the web console, using the session it gives, and signing out (contract §11). */
public final class ConsoleSessionUseCases {

    private ConsoleSessionUseCases() {}

    /**
     * Checks an email and password and starts a session. A wrong password and an unknown email fail alike, with
     * the same message, after the same slow hash.
     */
    public interface SignInUseCase {
        SignedIn signIn(String email, String password) throws SignInFailedException;
    }

    /** A new session: the id in clear goes into the cookie, once. The user acts with their current API key. */
    public record SignedIn(ConsoleSession.Started started, User user, Principal.User principal, Instant endsAt) {}

    /** The session behind a cookie's value, if it is live; using it keeps it alive. */
    public interface ResumeSessionUseCase {
        Optional<ActiveSession> resume(String sessionId);

        /** Whether the session is still live, without counting this as a use (for a stream that stays open). */
        boolean isStillLive(String sessionId);
    }

    /**
     * A live session, its user acting as a {@link Principal.User} with their current API key, and when the session
     * ends if it is not used again.
     */
    public record ActiveSession(ConsoleSession session, Principal.User principal, Instant endsAt) {
        public ActiveSession {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(endsAt, "endsAt");
        }
    }

    /** Ends the session behind a cookie's value; an unknown one is already ended. */
    public interface SignOutUseCase {
        void signOut(String sessionId);
    }

    /** What the console shows of the signed-in user: their workspaces with their role, and their key, masked. */
    public interface DescribeAccountUseCase {
        ConsoleAccount describe(Principal.User user);
    }

    public record ConsoleAccount(User user, List<WorkspaceRole> workspaces, Optional<ApiKey> apiKey) {
        public ConsoleAccount {
            Objects.requireNonNull(user, "user");
            workspaces = List.copyOf(workspaces);
            Objects.requireNonNull(apiKey, "apiKey");
        }
    }

    public record WorkspaceRole(Workspace workspace, Role role) {}

    /** Sign-in failed; the message never says whether the account exists. */
    public static final class SignInFailedException extends RuntimeException {
        public SignInFailedException() {
            super("the email or password is not correct", null, false, false);
        }
    }
}
