package dev.gatehouse.application.apikey.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyRepository} must do; subclasses supply a fresh, empty store. */
public abstract class ApiKeyRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected ApiKeyRepository apiKeys;
    protected User user;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        apiKeys = stores.apiKeys();
        user = addUser();
    }

    @Test
    void saveThenFindByHashReturnsEveryField() {
        ApiKey.Issued issued = data.apiKey(user.id(), T0);

        apiKeys.save(issued.key());

        ApiKey found = apiKeys.findByHash(issued.plaintext().hash()).orElseThrow();
        assertThat(found).isEqualTo(issued.key());
        assertThat(found.id()).isEqualTo(issued.key().id());
        assertThat(found.userId()).isEqualTo(user.id());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.revokedAt()).isEmpty();
    }

    @Test
    void saveOfRevokedKeyThenFindByHashReturnsRevokedAt() {
        Instant revokedAt = T0.plusMillis(86_400_123L);
        ApiKey key = TestData.revoked(data.apiKey(user.id(), T0).key(), revokedAt);

        apiKeys.save(key);

        ApiKey found = apiKeys.findByHash(key.hash()).orElseThrow();
        assertThat(found.revokedAt()).contains(revokedAt);
        assertThat(found.isLive()).isFalse();
    }

    @Test
    void findByHashWhenUnknownThenEmpty() {
        apiKeys.save(data.apiKey(user.id(), T0).key());

        assertThat(apiKeys.findByHash(SecretHash.of("gtk_not-a-stored-key"))).isEmpty();
    }

    @Test
    void saveWhenKeyExistsThenRevocationIsStored() {
        ApiKey key = data.apiKey(user.id(), T0).key();
        apiKeys.save(key);
        Instant revokedAt = T0.plus(Duration.ofHours(3));

        apiKeys.save(TestData.revoked(key, revokedAt));

        assertThat(apiKeys.findByHash(key.hash())).map(ApiKey::revokedAt).contains(Optional.of(revokedAt));
        assertThat(apiKeys.findLiveByUser(user.id())).isEmpty();
    }

    @Test
    void findLiveByUserReturnsTheKeyThatIsNotRevoked() {
        ApiKey old = data.apiKey(user.id(), T0).key();
        apiKeys.save(old);
        apiKeys.save(TestData.revoked(old, T0.plusSeconds(60)));
        ApiKey current = data.apiKey(user.id(), T0.plusSeconds(60)).key();
        apiKeys.save(current);

        assertThat(apiKeys.findLiveByUser(user.id())).contains(current);
        assertThat(apiKeys.findByHash(old.hash())).map(ApiKey::isLive).contains(false);
    }

    @Test
    void findLiveByUserWhenOnlyRevokedKeysThenEmpty() {
        apiKeys.save(TestData.revoked(data.apiKey(user.id(), T0).key(), T0.plusSeconds(1)));

        assertThat(apiKeys.findLiveByUser(user.id())).isEmpty();
    }

    @Test
    void findLiveByUserWhenAnotherUsersKeyThenEmpty() {
        User other = addUser();
        apiKeys.save(data.apiKey(other.id(), T0).key());

        assertThat(apiKeys.findLiveByUser(user.id())).isEmpty();
    }

    @Test
    void saveWhenHashBelongsToAnotherKeyThenRejected() {
        ApiKey first = data.apiKey(user.id(), T0).key();
        apiKeys.save(first);
        ApiKey sameHash = new ApiKey(ApiKeyId.generate(data.random()), user.id(), first.hash(), T0.plusSeconds(1),
                Optional.empty());

        assertThatThrownBy(() -> apiKeys.save(sameHash)).isInstanceOf(RuntimeException.class);
        assertThat(apiKeys.findByHash(first.hash())).contains(first);
    }

    private User addUser() {
        User added = data.user();
        stores.users().add(added);
        return added;
    }
}
