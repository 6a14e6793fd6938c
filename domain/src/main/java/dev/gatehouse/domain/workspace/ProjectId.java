package dev.gatehouse.domain.workspace;

import dev.gatehouse.domain.common.PrefixedId;
import java.util.random.RandomGenerator;

/** A project's id, {@code proj_…} (Pipedream Connect). */
public record ProjectId(String value) {
    public static final String PREFIX = "proj_";

    public ProjectId {
        PrefixedId.require(value, PREFIX, "project id");
    }

    public static ProjectId generate(RandomGenerator random) {
        return new ProjectId(PrefixedId.generate(PREFIX, random));
    }

    public static boolean isValid(String value) {
        return PrefixedId.isValid(value, PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
