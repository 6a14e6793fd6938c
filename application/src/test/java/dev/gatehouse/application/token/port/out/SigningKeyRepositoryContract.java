package dev.gatehouse.application.token.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import dev.gatehouse.domain.common.Base62;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SigningKeyRepository} must do; subclasses supply a fresh, empty store, opened with the
 * master key of {@link #sealer()}, and direct access to what it keeps.
 */
public abstract class SigningKeyRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected SigningKeyRepository signingKeys;

    protected abstract Stores newStores();

    /** The sealer (master key) that the store of {@link #newStores()} was opened with. */
    protected abstract SecretSealer sealer();

    /** A sealer of another master key, of the same kind as {@link #sealer()}. */
    protected abstract SecretSealer anotherSealer();

    /** The private key of {@code kid} as the store keeps it at rest. */
    protected abstract String storedPrivateKey(String kid);

    /** Overwrites what the store keeps at rest for {@code kid}'s private key. */
    protected abstract void replaceStoredPrivateKey(String kid, String stored);

    /** The same store opened again with {@code sealer}, as another server or a restart would. */
    protected abstract SigningKeyRepository reopenWith(SecretSealer sealer);

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        signingKeys = stores.signingKeys();
    }

    @Test
    void findAllWhenNoKeysThenEmpty() {
        assertThat(signingKeys.findAll()).isEmpty();
    }

    @Test
    void addThenFindAllReturnsEveryField() {
        StoredSigningKey key = key("kid-1", T0);

        boolean added = signingKeys.add(key);

        assertThat(added).isTrue();
        assertThat(signingKeys.findAll()).singleElement().satisfies(found -> {
            assertThat(found.kid()).isEqualTo(key.kid());
            assertThat(found.algorithm()).isEqualTo("RS256");
            assertThat(found.privateJwkJson()).isEqualTo(key.privateJwkJson());
            assertThat(found.createdAt()).isEqualTo(T0);
        });
    }

    @Test
    void addWhenKidTakenThenFalseAndFirstKept() {
        StoredSigningKey first = key("kid-1", T0);
        signingKeys.add(first);
        StoredSigningKey sameKid = new StoredSigningKey("kid-1", "ES256", "{\"kty\":\"EC\"}", T0.plusSeconds(60));

        boolean added = signingKeys.add(sameKid);

        assertThat(added).isFalse();
        assertThat(signingKeys.findAll()).containsExactly(first);
    }

    @Test
    void findAllReturnsOldestFirst() {
        StoredSigningKey middle = key("b-middle", T0.plus(Duration.ofDays(30)));
        StoredSigningKey newest = key("a-newest", T0.plus(Duration.ofDays(60)));
        StoredSigningKey oldest = key("c-oldest", T0);
        signingKeys.add(middle);
        signingKeys.add(newest);
        signingKeys.add(oldest);

        assertThat(signingKeys.findAll()).containsExactly(oldest, middle, newest);
    }

    @Test
    void addKeepsThePrivateKeySealedAtRest() {
        StoredSigningKey key = key("kid-1", T0);
        signingKeys.add(key);

        String stored = storedPrivateKey("kid-1");

        assertThat(stored).isNotBlank().isNotEqualTo(key.privateJwkJson());
        String modulus = key.privateJwkJson().replaceAll(".*\"n\":\"([^\"]+)\".*", "$1");
        assertThat(stored).doesNotContain(modulus.substring(0, 40)).doesNotContain("\"kty\"");
    }

    @Test
    void findAllWhenStoredPrivateKeyTamperedThenFailsLoudly() {
        signingKeys.add(key("kid-1", T0));
        String stored = storedPrivateKey("kid-1");
        int middle = stored.length() / 2;
        char flipped = stored.charAt(middle) == 'A' ? 'B' : 'A';
        replaceStoredPrivateKey("kid-1", stored.substring(0, middle) + flipped + stored.substring(middle + 1));

        assertThatThrownBy(() -> signingKeys.findAll())
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("kid-1")
                .extracting(e -> ((UnreadableSecretException) e).wrongMasterKey()).isEqualTo(false);
    }

    @Test
    void findAllWhenSealedKeyMovedToAnotherKidThenFailsLoudly() {
        signingKeys.add(key("kid-1", T0));
        signingKeys.add(key("kid-2", T0.plusSeconds(1)));
        replaceStoredPrivateKey("kid-2", storedPrivateKey("kid-1"));

        assertThatThrownBy(() -> signingKeys.findAll())
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("kid-2");
    }

    @Test
    void reopenWithTheSameMasterKeyReadsTheKeys() {
        StoredSigningKey key = key("kid-1", T0);
        signingKeys.add(key);

        assertThat(reopenWith(sealer()).findAll()).containsExactly(key);
    }

    @Test
    void reopenWithAnotherMasterKeyIsRefused() {
        signingKeys.add(key("kid-1", T0));

        assertThatThrownBy(() -> reopenWith(anotherSealer()).findAll())
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("master key")
                .hasMessageContaining(anotherSealer().masterKeyId())
                .extracting(e -> ((UnreadableSecretException) e).wrongMasterKey()).isEqualTo(true);
    }

    @Test
    void reopenWithAnotherMasterKeyIsRefusedEvenBeforeAnyKeyIsStored() {
        assertThatThrownBy(() -> reopenWith(anotherSealer()))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("master key");
    }

    /** A key whose JWK is as long as a 4096-bit RSA private key's, longer than a 4000-character column. */
    private StoredSigningKey key(String kid, Instant createdAt) {
        String json = "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + Base62.random(data.random(), 7000) + "\",\"e\":\"AQAB\"}";
        return new StoredSigningKey(kid, "RS256", json, createdAt);
    }
}
