package dev.gatehouse.application.shared;

import dev.gatehouse.domain.workspace.UserId;
import java.util.Objects;

/** The user behind an admin request and the address it came from, as the audit log records them. */
public record Actor(UserId user, String sourceIp) {
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sourceIp, "sourceIp");
    }
}
