package dev.gatehouse.domain.credential;

import com.google.common.io.BaseEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The SHA-256 hash of a high-entropy credential, as it is stored. Comparison is constant-time.
 *
 * <p>A slow password hash would add nothing for 256-bit random secrets: see docs/adr/0001.
 */
public record SecretHash(String hex) {

    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();
    private static final int SHA256_HEX_LENGTH = 64;
    /** Never updated: only copied, by {@link #newDigest()}. */
    private static final MessageDigest SHA256 = lookUpSha256();

    public SecretHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != SHA256_HEX_LENGTH || !HEX.canDecode(hex)) {
            throw new IllegalArgumentException("a secret hash is 64 lower-case hex digits");
        }
    }

    public static SecretHash of(String plaintext) {
        return new SecretHash(HEX.encode(sha256(plaintext)));
    }

    /** Whether {@code plaintext} hashes to this hash; takes the same time wherever the two differ. */
    public boolean matches(String plaintext) {
        return MessageDigest.isEqual(HEX.decode(hex), sha256(plaintext));
    }

    private static byte[] sha256(String plaintext) {
        return newDigest().digest(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest: a copy of an unused one, which costs less than looking the algorithm up each time. */
    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHash[" + hex.substring(0, 8) + "…]";
    }
}
