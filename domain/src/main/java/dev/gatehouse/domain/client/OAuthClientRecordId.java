package dev.gatehouse.domain.client;

import dev.gatehouse.domain.common.PrefixedId;
import java.util.random.RandomGenerator;

/** The id of an OAuth client's record in the admin API, {@code oc_…}; distinct from its public {@code client_id}. */
public record OAuthClientRecordId(String value) {
    public static final String PREFIX = "oc_";

    public OAuthClientRecordId {
        PrefixedId.require(value, PREFIX, "OAuth client id");
    }

    public static OAuthClientRecordId generate(RandomGenerator random) {
        return new OAuthClientRecordId(PrefixedId.generate(PREFIX, random));
    }

    public static boolean isValid(String value) {
        return PrefixedId.isValid(value, PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
