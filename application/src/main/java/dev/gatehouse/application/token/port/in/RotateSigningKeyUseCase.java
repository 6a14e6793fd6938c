package dev.gatehouse.application.token.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * Rotates the token signing key by hand: stores a new key that every server publishes at once and that
 * starts signing only after the pre-publication delay. Older keys stay published while tokens they signed
 * can still be live.
 */
public interface RotateSigningKeyUseCase {

    /**
     * Stores the next key.
     *
     * @throws IllegalStateException when no key is stored yet: the first start of a server makes the first one
     */
    RotatedSigningKey rotate();

    /** The new key: its {@code kid}, its algorithm, when it was published and when it starts signing. */
    record RotatedSigningKey(String kid, String algorithm, Instant publishedAt, Instant signsFrom) {
        public RotatedSigningKey {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(signsFrom, "signsFrom");
        }
    }
}
