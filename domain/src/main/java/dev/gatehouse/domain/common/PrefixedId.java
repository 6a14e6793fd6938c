package dev.gatehouse.domain.common;

import java.util.random.RandomGenerator;

/** Rules shared by the prefixed base62 identifiers ({@code o_…}, {@code u_…}, {@code proj_…}). */
public final class PrefixedId {

    /** Random base62 characters in a new identifier: 22 characters carry about 131 bits. */
    public static final int RANDOM_LENGTH = 22;
    private static final int MAX_LENGTH = 64;

    private PrefixedId() {}

    public static String generate(String prefix, RandomGenerator random) {
        return prefix + Base62.random(random, RANDOM_LENGTH);
    }

    /** Returns {@code value} when it is {@code prefix} followed by 1 to 64 base62 characters. */
    public static String require(String value, String prefix, String what) {
        if (!isValid(value, prefix)) {
            throw new IllegalArgumentException(what + " must look like " + prefix + "<base62>");
        }
        return value;
    }

    public static boolean isValid(String value, String prefix) {
        if (value == null || !value.startsWith(prefix)) {
            return false;
        }
        String rest = value.substring(prefix.length());
        return !rest.isEmpty() && rest.length() <= MAX_LENGTH && Base62.isBase62(rest);
    }
}
