package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.SigningKeyRepositoryContract;

class InMemorySigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    private InMemorySigningKeyRepository repository;

    @Override
    protected Stores newStores() {
        Stores stores = InMemoryStores.create();
        repository = (InMemorySigningKeyRepository) stores.signingKeys();
        return stores;
    }

    @Override
    protected SecretSealer sealer() {
        return InMemoryStores.SEALER;
    }

    @Override
    protected SecretSealer anotherSealer() {
        return new FakeSecretSealer("another-master-key");
    }

    @Override
    protected String storedPrivateKey(String kid) {
        return repository.storedPrivateKey(kid);
    }

    @Override
    protected void replaceStoredPrivateKey(String kid, String stored) {
        repository.replaceStoredPrivateKey(kid, stored);
    }

    @Override
    protected SigningKeyRepository reopenWith(SecretSealer sealer) {
        return repository.reopen(sealer);
    }
}
