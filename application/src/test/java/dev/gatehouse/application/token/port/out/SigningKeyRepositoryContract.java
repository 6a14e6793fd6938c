package dev.gatehouse.application.token.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import dev.gatehouse.domain.common.Base62;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SigningKeyRepository} must do; subclasses supply a fresh, empty store. */
public abstract class SigningKeyRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected SigningKeyRepository signingKeys;

    protected abstract Stores newStores();

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

    /** A key whose JWK is as long as a 4096-bit RSA private key's, longer than a 4000-character column. */
    private StoredSigningKey key(String kid, Instant createdAt) {
        String json = "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + Base62.random(data.random(), 7000) + "\",\"e\":\"AQAB\"}";
        return new StoredSigningKey(kid, "RS256", json, createdAt);
    }
}
