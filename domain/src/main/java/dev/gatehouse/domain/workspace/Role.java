package dev.gatehouse.domain.workspace;

import java.util.Locale;

/** A member's role in a workspace. Owners and admins administer it; exactly one member is the owner. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER;

    public boolean administers() {
        return this == OWNER || this == ADMIN;
    }

    /** The wire name: {@code owner}, {@code admin} or {@code member}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be owner, admin or member");
    }
}
