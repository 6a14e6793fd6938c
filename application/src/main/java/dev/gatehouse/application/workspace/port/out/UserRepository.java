package dev.gatehouse.application.workspace.port.out;

import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import java.util.Optional;

/** Stores users. Emails are unique, compared without regard to case. */
public interface UserRepository {

    void add(User user);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(String email);
}
