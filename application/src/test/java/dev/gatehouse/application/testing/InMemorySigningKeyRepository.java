package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signing keys in memory, unique by {@code kid}, their private keys sealed by a {@link SecretSealer} as the
 * real store seals them; {@link #reopen} opens the same rows with another sealer, as another server would.
 */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    private static final String CHECK_CONTEXT = "master_key_check";
    private static final String CHECK_TEXT = "gatehouse master key check";

    private record Row(String kid, String algorithm, String sealedJwk, Instant createdAt) {}

    private static final class Rows {
        final Map<String, Row> byKid = new LinkedHashMap<>();
        String masterKeyCheck;
    }

    private final Rows rows;
    private final SecretSealer sealer;

    public InMemorySigningKeyRepository() {
        this(new FakeSecretSealer("test-master-key"));
    }

    public InMemorySigningKeyRepository(SecretSealer sealer) {
        this(new Rows(), sealer);
    }

    private InMemorySigningKeyRepository(Rows rows, SecretSealer sealer) {
        this.rows = rows;
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        synchronized (rows) {
            if (rows.masterKeyCheck == null) {
                rows.masterKeyCheck = sealer.seal(CHECK_TEXT, CHECK_CONTEXT);
            } else if (!CHECK_TEXT.equals(openCheck(rows.masterKeyCheck, sealer))) {
                throw new UnreadableSecretException("the master key check holds the wrong text");
            }
        }
    }

    private static String openCheck(String check, SecretSealer sealer) {
        try {
            return sealer.open(check, CHECK_CONTEXT);
        } catch (UnreadableSecretException e) {
            throw new UnreadableSecretException("the master key (id " + sealer.masterKeyId()
                    + ") is not the one the signing keys were sealed under: " + e.getMessage(), true);
        }
    }

    /** The same stored keys, opened with {@code sealer}; refused unless it is the master key they were sealed under. */
    public InMemorySigningKeyRepository reopen(SecretSealer sealer) {
        return new InMemorySigningKeyRepository(rows, sealer);
    }

    /** The private key of {@code kid} as it is kept, sealed. */
    public String storedPrivateKey(String kid) {
        synchronized (rows) {
            return rows.byKid.get(kid).sealedJwk();
        }
    }

    /** Overwrites the kept private key of {@code kid}, as an attacker with access to the store could. */
    public void replaceStoredPrivateKey(String kid, String stored) {
        synchronized (rows) {
            Row row = rows.byKid.get(kid);
            rows.byKid.put(kid, new Row(kid, row.algorithm(), stored, row.createdAt()));
        }
    }

    @Override
    public List<StoredSigningKey> findAll() {
        List<Row> all;
        synchronized (rows) {
            all = List.copyOf(rows.byKid.values());
        }
        return all.stream()
                .sorted(Comparator.comparing(Row::createdAt).thenComparing(Row::kid))
                .map(row -> new StoredSigningKey(row.kid(), row.algorithm(),
                        sealer.open(row.sealedJwk(), "signing_keys/" + row.kid()), row.createdAt()))
                .toList();
    }

    @Override
    public boolean add(StoredSigningKey key) {
        Objects.requireNonNull(key, "key");
        String sealed = sealer.seal(key.privateJwkJson(), "signing_keys/" + key.kid());
        synchronized (rows) {
            return rows.byKid.putIfAbsent(key.kid(), new Row(key.kid(), key.algorithm(), sealed, key.createdAt())) == null;
        }
    }
}
