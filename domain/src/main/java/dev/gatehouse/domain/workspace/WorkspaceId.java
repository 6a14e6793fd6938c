package dev.gatehouse.domain.workspace;

import dev.gatehouse.domain.common.PrefixedId;
import java.util.random.RandomGenerator;

/** A workspace's id, {@code o_…} (Pipedream's org id). */
public record WorkspaceId(String value) {
    public static final String PREFIX = "o_";

    public WorkspaceId {
        PrefixedId.require(value, PREFIX, "workspace id");
    }

    public static WorkspaceId generate(RandomGenerator random) {
        return new WorkspaceId(PrefixedId.generate(PREFIX, random));
    }

    public static boolean isValid(String value) {
        return PrefixedId.isValid(value, PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
