package dev.gatehouse.domain.apikey;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.PlainCredential;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A user's API key, held as its SHA-256 hash. A user has one live key; revoking it issues the next. The key's
 * last {@value #SHOWN_CHARACTERS} characters are kept in clear, so that the console can show it masked
 * ({@code gtk_…AbCd}); they are part of the key's checksum and tell nothing that helps to guess the rest.
 */
public record ApiKey(ApiKeyId id, UserId userId, SecretHash hash, Instant createdAt, Optional<Instant> revokedAt,
                     Optional<String> lastFour) {

    /** How many of the key's last characters are kept to show it masked. */
    public static final int SHOWN_CHARACTERS = 4;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(lastFour, "lastFour");
        if (lastFour.isPresent() && lastFour.get().length() != SHOWN_CHARACTERS) {
            throw new IllegalArgumentException("a key's shown end is " + SHOWN_CHARACTERS + " characters");
        }
    }

    /** A key whose last characters were not kept (keys issued before masks were shown). */
    public ApiKey(ApiKeyId id, UserId userId, SecretHash hash, Instant createdAt, Optional<Instant> revokedAt) {
        this(id, userId, hash, createdAt, revokedAt, Optional.empty());
    }

    /** The key as the console shows it: its prefix and, when kept, its last four characters. */
    public String masked() {
        return CredentialKind.API_KEY.prefix() + "…" + lastFour.orElse("");
    }

    /** This key, revoked at {@code when}. */
    public ApiKey revoked(Instant when) {
        return new ApiKey(id, userId, hash, createdAt, Optional.of(when), lastFour);
    }

    /** A newly issued key and its clear text, which is shown this once. */
    public record Issued(ApiKey key, PlainCredential plaintext) {}

    public static Issued issue(UserId userId, Instant now, RandomGenerator random) {
        PlainCredential plaintext = new PlainCredential(CredentialKind.API_KEY, CredentialKind.API_KEY.generate(random));
        String value = plaintext.value();
        return new Issued(new ApiKey(ApiKeyId.generate(random), userId, plaintext.hash(), now, Optional.empty(),
                Optional.of(value.substring(value.length() - SHOWN_CHARACTERS))), plaintext);
    }

    public boolean isLive() {
        return revokedAt.isEmpty();
    }
}
