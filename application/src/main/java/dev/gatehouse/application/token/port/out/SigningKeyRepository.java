package dev.gatehouse.application.token.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Keeps the token signing keys, so that tokens stay verifiable across restarts and servers. */
public interface SigningKeyRepository {

    /** Every stored key, oldest first. */
    List<StoredSigningKey> findAll();

    /** Stores a new key; returns false, storing nothing, when its {@code kid} is taken. */
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
