package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Users in memory; ids are unique, and so are emails compared without regard to case. */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<UserId, User> byId = new HashMap<>();
    private final Map<String, User> byEmail = new HashMap<>();

    @Override
    public synchronized void add(User user) {
        checkCanAdd(user);
        byId.put(user.id(), user);
        byEmail.put(fold(user.email()), user);
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(String email) {
        return Optional.ofNullable(byEmail.get(fold(email)));
    }

    synchronized void checkCanAdd(User user) {
        Objects.requireNonNull(user, "user");
        if (byId.containsKey(user.id())) {
            throw new IllegalStateException("duplicate user id " + user.id());
        }
        if (byEmail.containsKey(fold(user.email()))) {
            throw new IllegalStateException("duplicate user email");
        }
    }

    private static String fold(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
