package dev.gatehouse.application.token.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the token signing keys, so that tokens stay verifiable across restarts and servers. The private keys
 * are sealed at rest by a {@link SecretSealer} under the master key, bound to their {@code kid}: a store is
 * opened with one master key, and refuses another (with an {@link UnreadableSecretException}) once keys have
 * been sealed under it.
 */
public interface SigningKeyRepository {

    /**
     * Every stored key, oldest first, with its private key opened.
     *
     * @throws UnreadableSecretException when a stored private key was sealed under another master key, or was
     *         tampered with: a key that cannot be read is never skipped or replaced silently
     */
    List<StoredSigningKey> findAll();

    /** Stores a new key, its private key sealed; returns false, storing nothing, when its {@code kid} is taken. */
    boolean add(StoredSigningKey key);

    /**
     * A signing key as stored: its {@code kid}, algorithm, and the private JWK as JSON. {@link #toString()}
     * hides the key material.
     */
    record StoredSigningKey(String kid, String algorithm, String privateJwkJson, Instant createdAt) {
        public StoredSigningKey {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(privateJwkJson, "privateJwkJson");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public String toString() {
            return "StoredSigningKey[" + kid + ", " + algorithm + ", " + createdAt + ", key redacted]";
        }
    }
}
