package dev.gatehouse.domain.credential;

import dev.gatehouse.domain.common.Base62;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;

/**
 * The kinds of credential Gatehouse hands out, each recognisable by its prefix and self-checking by a
 * CRC32 checksum, after GitHub's token format: {@code <prefix><43 random base62><6 base62 checksum>}.
 *
 * <p>43 base62 characters carry 256.03 bits of randomness. The checksum lets a mistyped credential be
 * rejected without a database lookup, and the prefix lets secret scanners recognise a leaked one.
 */
public enum CredentialKind {
    CLIENT_ID("gtc_"),
    CLIENT_SECRET("gts_"),
    API_KEY("gtk_");

    public static final int RANDOM_LENGTH = 43;
    public static final int CHECKSUM_LENGTH = 6;

    private final String prefix;

    CredentialKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The length of every well-formed credential of this kind. */
    public int length() {
        return prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    }

    /** Draws a fresh credential of this kind from {@code random}, which must be a secure generator in production. */
    public String generate(RandomGenerator random) {
        String body = prefix + Base62.random(random, RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** Whether {@code value} has this kind's prefix, length, alphabet and a matching checksum. */
    public boolean isWellFormed(String value) {
        if (value == null || value.length() != length() || !value.startsWith(prefix)) {
            return false;
        }
        String random = value.substring(prefix.length());
        if (!Base62.isBase62(random)) {
            return false;
        }
        int split = value.length() - CHECKSUM_LENGTH;
        return checksum(value.substring(0, split)).equals(value.substring(split));
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }
}
