package dev.gatehouse.domain.apikey;

import dev.gatehouse.domain.common.PrefixedId;
import java.util.random.RandomGenerator;

/** The id of an API key's record, {@code ak_…}; never the key itself. */
public record ApiKeyId(String value) {
    public static final String PREFIX = "ak_";

    public ApiKeyId {
        PrefixedId.require(value, PREFIX, "API key id");
    }

    public static ApiKeyId generate(RandomGenerator random) {
        return new ApiKeyId(PrefixedId.generate(PREFIX, random));
    }

    @Override
    public String toString() {
        return value;
    }
}
