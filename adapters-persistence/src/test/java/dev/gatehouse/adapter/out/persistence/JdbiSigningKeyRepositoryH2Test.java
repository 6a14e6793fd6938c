package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.SigningKeyRepositoryContract;
import java.security.SecureRandom;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link SigningKeyRepositoryContract} against JDBI and H2 in memory, with the AES-GCM sealer. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiSigningKeyRepositoryH2Test extends SigningKeyRepositoryContract {

    private static final SecretSealer ANOTHER = AesGcmSecretSealer.random(new SecureRandom());
    private TestDatabases.TestDatabase db;

    @Override
    protected Stores newStores() {
        db = TestDatabases.h2();
        return db.stores();
    }

    @Override
    protected SecretSealer sealer() {
        return TestDatabases.SEALER;
    }

    @Override
    protected SecretSealer anotherSealer() {
        return ANOTHER;
    }

    @Override
    protected String storedPrivateKey(String kid) {
        return SealedKeyRows.sealed(db.jdbi(), kid);
    }

    @Override
    protected void replaceStoredPrivateKey(String kid, String stored) {
        SealedKeyRows.replace(db.jdbi(), kid, stored);
    }

    @Override
    protected SigningKeyRepository reopenWith(SecretSealer sealer) {
        return db.openAnother().signingKeys(sealer);
    }
}
