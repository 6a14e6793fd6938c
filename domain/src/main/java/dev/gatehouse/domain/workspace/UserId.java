package dev.gatehouse.domain.workspace;

import dev.gatehouse.domain.common.PrefixedId;
import java.util.random.RandomGenerator;

/** A user's id, {@code u_…}. */
public record UserId(String value) {
    public static final String PREFIX = "u_";

    public UserId {
        PrefixedId.require(value, PREFIX, "user id");
    }

    public static UserId generate(RandomGenerator random) {
        return new UserId(PrefixedId.generate(PREFIX, random));
    }

    public static boolean isValid(String value) {
        return PrefixedId.isValid(value, PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
