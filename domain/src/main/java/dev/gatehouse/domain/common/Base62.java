package dev.gatehouse.domain.common;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** Base62 text (digits, upper and lower case letters) for identifiers and credentials. */
public final class Base62 {

    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {}

    /** Encodes an unsigned number as exactly {@code width} base62 digits, left-padded with zeros. */
    public static String encode(BigInteger value, int width) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative value");
        }
        char[] out = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = rest.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            rest = qr[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    /** {@code length} base62 characters, each drawn uniformly from {@code random}. */
    public static String random(RandomGenerator random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(62)));
        }
        return out.toString();
    }

    /** Whether every character of {@code text} is a base62 digit. */
    public static boolean isBase62(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
