package dev.gatehouse.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in to the console and calls the API with their API key. The password is held only
 * as the encoded hash a {@code PasswordHasher} made.
 */
public record User(UserId id, String email, String username, String passwordHash, Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "id");
        email = Text.requireEmail(email);
        username = Text.requireName(username, "username", 100);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + username + "]";
    }
}
