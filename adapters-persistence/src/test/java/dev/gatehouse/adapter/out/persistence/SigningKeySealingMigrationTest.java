package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that an earlier version left with plaintext private keys (version 3) is migrated, and its keys are
 * sealed under the master key on the first open, with the plaintext cleared.
 */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class SigningKeySealingMigrationTest {

    private static final String JWK = "{\"kty\":\"RSA\",\"kid\":\"old-kid\",\"d\":\"plaintext-private-exponent\"}";

    @Test
    void openWhenH2HoldsPlaintextKeysThenSealsThem() {
        sealsPlaintextKeys(TestDatabases::emptyH2);
    }

    @Test
    void openWhenPostgresHoldsPlaintextKeysThenSealsThem() {
        sealsPlaintextKeys(TestDatabases::emptyPostgres);
    }

    private void sealsPlaintextKeys(Supplier<TestDatabases.Location> locations) {
        TestDatabases.Location location = locations.get();
        location.migrateTo("3");
        Jdbi jdbi = Jdbi.create(location.url(), location.user(), location.password());
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO signing_keys (kid, algorithm, private_jwk, created_at) VALUES ('old-kid', 'RS256', :jwk, :at)")
                .bind("jwk", JWK)
                .bind("at", T0.toEpochMilli())
                .execute());

        TestDatabases.TestDatabase db = location.open();
        assertThat(db.database().hasMasterKey()).as("no master key before the first open with one").isFalse();
        AesGcmSecretSealer sealer = AesGcmSecretSealer.random(new SecureRandom());

        assertThat(db.database().signingKeys(sealer).findAll())
                .containsExactly(new StoredSigningKey("old-kid", "RS256", JWK, T0));
        assertThat(db.database().hasMasterKey()).isTrue();
        String sealed = SealedKeyRows.sealed(jdbi, "old-kid");
        assertThat(sealed).doesNotContain("plaintext-private-exponent");
        assertThat(sealer.open(sealed, "signing_keys/old-kid")).isEqualTo(JWK);
        int plaintext = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM signing_keys WHERE private_jwk IS NOT NULL")
                .mapTo(Integer.class).one());
        assertThat(plaintext).as("no plaintext left").isZero();

        assertThatThrownBy(() -> db.database().signingKeys(AesGcmSecretSealer.random(new SecureRandom())))
                .as("once sealed, another master key is refused").isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void aRowWithNeitherPlaintextNorSealedKeyIsRefusedByTheSchema() {
        TestDatabases.TestDatabase db = TestDatabases.h2();
        assertThatThrownBy(() -> db.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO signing_keys (kid, algorithm, created_at) VALUES ('k', 'RS256', 0)")))
                .hasMessageContaining("CK_SIGNING_KEYS_PRIVATE_KEY");
    }
}
