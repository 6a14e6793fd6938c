package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token signing keys in the {@code signing_keys} table, each private JWK sealed by the {@link SecretSealer}
 * of the master key and bound to its {@code kid} ({@code sealed_private_jwk}). {@link #open} first makes sure
 * that the master key is this database's (the {@code master_key_check} row), and seals the plaintext keys an
 * earlier version left in {@code private_jwk}.
 */
public final class JdbiSigningKeyRepository implements SigningKeyRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiSigningKeyRepository.class);
    private static final String CHECK_CONTEXT = "master_key_check";
    private static final String CHECK_TEXT = "gatehouse master key check";

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    private JdbiSigningKeyRepository(Jdbi jdbi, SecretSealer sealer) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * The signing keys of the database, sealed under {@code sealer}'s master key. On a database that has no
     * master key yet, records this one; then seals every key still held in plaintext.
     *
     * @throws UnreadableSecretException when the database's keys are sealed under another master key
     */
    static JdbiSigningKeyRepository open(Jdbi jdbi, SecretSealer sealer) {
        JdbiSigningKeyRepository repository = new JdbiSigningKeyRepository(jdbi, sealer);
        repository.checkMasterKey();
        int sealed = repository.sealPlaintextKeys();
        if (sealed > 0) {
            LOG.info("sealed {} signing key(s) that were stored in plaintext under the master key (id {})", sealed,
                    sealer.masterKeyId());
        }
        return repository;
    }

    /** Whether a master key was recorded for this database: its signing keys are sealed under it. */
    static boolean hasMasterKey(Jdbi jdbi) {
        return jdbi.withHandle(handle -> JdbiSigningKeyRepository.storedCheck(handle)).isPresent();
    }

    @Override
    public List<StoredSigningKey> findAll() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT kid, algorithm, private_jwk, sealed_private_jwk, created_at
                          FROM signing_keys
                         ORDER BY created_at, kid
                        """)
                .map((rs, ctx) -> {
                    String kid = rs.getString("kid");
                    String sealedJwk = rs.getString("sealed_private_jwk");
                    // A plaintext key is one that a server of an earlier version added; the next start seals it.
                    String jwk = sealedJwk == null ? rs.getString("private_jwk") : open(kid, sealedJwk);
                    return new StoredSigningKey(kid, rs.getString("algorithm"), jwk, Sql.instant(rs, "created_at"));
                })
                .list());
    }

    /** Stores the key, sealed; false when another key, perhaps stored by another server just now, has its kid. */
    @Override
    public boolean add(StoredSigningKey key) {
        String sealed = sealer.seal(key.privateJwkJson(), context(key.kid()));
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            INSERT INTO signing_keys (kid, algorithm, sealed_private_jwk, created_at)
                            VALUES (:kid, :algorithm, :sealed, :createdAt)
                            """)
                    .bind("kid", key.kid())
                    .bind("algorithm", key.algorithm())
                    .bind("sealed", sealed)
                    .bind("createdAt", Sql.millis(key.createdAt()))
                    .execute());
            return true;
        } catch (JdbiException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private String open(String kid, String sealed) {
        try {
            return sealer.open(sealed, context(kid));
        } catch (UnreadableSecretException e) {
            throw new UnreadableSecretException("the signing key " + kid + " cannot be read: " + e.getMessage(), e.wrongMasterKey());
        }
    }

    private static String context(String kid) {
        return "signing_keys/" + kid;
    }

    private void checkMasterKey() {
        Optional<String> check = jdbi.withHandle(JdbiSigningKeyRepository::storedCheck);
        if (check.isEmpty()) {
            try {
                jdbi.useHandle(handle -> handle.createUpdate(
                                "INSERT INTO master_key_check (id, sealed, created_at) VALUES (1, :sealed, :createdAt)")
                        .bind("sealed", sealer.seal(CHECK_TEXT, CHECK_CONTEXT))
                        .bind("createdAt", Sql.millis(Instant.now()))
                        .execute());
                return;
            } catch (JdbiException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
                check = jdbi.withHandle(JdbiSigningKeyRepository::storedCheck); // another server recorded its key first
            }
        }
        String opened;
        try {
            opened = sealer.open(check.orElseThrow(), CHECK_CONTEXT);
        } catch (UnreadableSecretException e) {
            throw new UnreadableSecretException("the master key (id " + sealer.masterKeyId()
                    + ") is not the one this database's signing keys are sealed under: " + e.getMessage(), true);
        }
        if (!CHECK_TEXT.equals(opened)) {
            throw new UnreadableSecretException("the database's master key check holds an unexpected text");
        }
    }

    private static Optional<String> storedCheck(Handle handle) {
        return handle.createQuery("SELECT sealed FROM master_key_check WHERE id = 1").mapTo(String.class).findOne();
    }

    /** Seals each key still held in plaintext, clearing the plaintext, one transaction per key; returns how many. */
    private int sealPlaintextKeys() {
        List<StoredSigningKey> plain = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT kid, algorithm, private_jwk, created_at
                          FROM signing_keys
                         WHERE sealed_private_jwk IS NULL
                        """)
                .map((rs, ctx) -> new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"),
                        rs.getString("private_jwk"), Sql.instant(rs, "created_at")))
                .list());
        int sealed = 0;
        for (StoredSigningKey key : plain) {
            sealed += jdbi.withHandle(handle -> handle.createUpdate("""
                            UPDATE signing_keys
                               SET sealed_private_jwk = :sealed, private_jwk = NULL
                             WHERE kid = :kid AND sealed_private_jwk IS NULL
                            """)
                    .bind("sealed", sealer.seal(key.privateJwkJson(), context(key.kid())))
                    .bind("kid", key.kid())
                    .execute());
        }
        return sealed;
    }
}
