package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Console password hashes with PBKDF2-HMAC-SHA256 and a 16-byte random salt, encoded as
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>} so that each hash carries its own
 * parameters. The default of 600,000 iterations is OWASP's Password Storage Cheat Sheet figure for
 * PBKDF2-HMAC-SHA256; hashes stored with fewer iterations still verify, with the count they carry.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8018#section-5.2">RFC 8018 §5.2</a>
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 64;
    /** A stored hash asking for more than this is refused rather than computed for minutes. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int iterations;
    private final SecureRandom random;

    public Pbkdf2PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher with fewer iterations, for tests; production uses {@link #DEFAULT_ITERATIONS}. */
    public Pbkdf2PasswordHasher(int iterations) {
        this(iterations, new SecureRandom());
    }

    public Pbkdf2PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1 to " + MAX_ITERATIONS);
        }
        this.iterations = iterations;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations, HASH_BYTES);
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} hashes to {@code encodedHash}; false, never an exception, for a malformed hash. */
    @Override
    public boolean matches(String password, String encodedHash) {
        if (password == null || encodedHash == null) {
            return false;
        }
        String[] parts = encodedHash.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        int storedIterations;
        byte[] salt;
        byte[] expected;
        try {
            storedIterations = Integer.parseInt(parts[1]);
            salt = B64_DECODER.decode(parts[2]);
            expected = B64_DECODER.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (storedIterations < 1 || storedIterations > MAX_ITERATIONS || salt.length == 0
                || expected.length < MIN_HASH_BYTES || expected.length > MAX_HASH_BYTES) {
            return false;
        }
        byte[] actual = pbkdf2(password, salt, storedIterations, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bytes) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required by every Java platform", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
