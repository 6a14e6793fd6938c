package dev.gatehouse.domain.source;

import dev.gatehouse.domain.common.PrefixedId;
import java.util.random.RandomGenerator;

/** An event source's id, {@code dc_…} (Pipedream's). */
public record SourceId(String value) {
    public static final String PREFIX = "dc_";

    public SourceId {
        PrefixedId.require(value, PREFIX, "source id");
    }

    public static SourceId generate(RandomGenerator random) {
        return new SourceId(PrefixedId.generate(PREFIX, random));
    }

    public static boolean isValid(String value) {
        return PrefixedId.isValid(value, PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
