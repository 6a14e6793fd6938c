package dev.gatehouse.domain.apikey;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.PlainCredential;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A user's API key, held as its SHA-256 hash. A user has one live key; revoking it issues the next. */
public record ApiKey(ApiKeyId id, UserId userId, SecretHash hash, Instant createdAt, Optional<Instant> revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** A newly issued key and its clear text, which is shown this once. */
    public record Issued(ApiKey key, PlainCredential plaintext) {}

    public static Issued issue(UserId userId, Instant now, RandomGenerator random) {
        PlainCredential plaintext = new PlainCredential(CredentialKind.API_KEY, CredentialKind.API_KEY.generate(random));
        return new Issued(new ApiKey(ApiKeyId.generate(random), userId, plaintext.hash(), now, Optional.empty()), plaintext);
    }

    public boolean isLive() {
        return revokedAt.isEmpty();
    }
}
