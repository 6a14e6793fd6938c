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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void replaceWhenCurrentIsLiveThenTrueRevokesItAndStoresTheNext() {
        ApiKey current = data.apiKey(user.id(), T0).key();
        apiKeys.save(current);
        Instant now = T0.plus(Duration.ofDays(2)).plusMillis(7);
        ApiKey next = data.apiKey(user.id(), now).key();

        boolean replaced = apiKeys.replace(current.id(), now, next);

        assertThat(replaced).isTrue();
        assertThat(apiKeys.findByHash(current.hash())).contains(TestData.revoked(current, now));
        assertThat(apiKeys.findByHash(next.hash())).contains(next);
        assertThat(apiKeys.findLiveByUser(user.id())).contains(next);
    }

    @Test
    void replaceWhenCurrentAlreadyRevokedThenFalseAndNothingChanges() {
        Instant revokedAt = T0.plusSeconds(5);
        ApiKey current = TestData.revoked(data.apiKey(user.id(), T0).key(), revokedAt);
        apiKeys.save(current);
        ApiKey next = data.apiKey(user.id(), T0.plusSeconds(10)).key();

        boolean replaced = apiKeys.replace(current.id(), T0.plusSeconds(10), next);

        assertThat(replaced).isFalse();
        assertThat(apiKeys.findByHash(next.hash())).isEmpty();
        assertThat(apiKeys.findByHash(current.hash())).map(ApiKey::revokedAt).contains(Optional.of(revokedAt));
        assertThat(apiKeys.findLiveByUser(user.id())).isEmpty();
    }

    @Test
    void replaceWhenCurrentUnknownThenFalseAndNextNotStored() {
        apiKeys.save(data.apiKey(user.id(), T0).key());
        ApiKey next = data.apiKey(user.id(), T0.plusSeconds(1)).key();

        boolean replaced = apiKeys.replace(ApiKeyId.generate(data.random()), T0.plusSeconds(1), next);

        assertThat(replaced).isFalse();
        assertThat(apiKeys.findByHash(next.hash())).isEmpty();
    }

    @Test
    void replaceOfTheSameKeyTwiceThenSecondFalseAndFirstReplacementKept() {
        ApiKey current = data.apiKey(user.id(), T0).key();
        apiKeys.save(current);
        ApiKey first = data.apiKey(user.id(), T0.plusSeconds(1)).key();
        ApiKey second = data.apiKey(user.id(), T0.plusSeconds(2)).key();
        apiKeys.replace(current.id(), T0.plusSeconds(1), first);

        boolean replacedAgain = apiKeys.replace(current.id(), T0.plusSeconds(2), second);

        assertThat(replacedAgain).isFalse();
        assertThat(apiKeys.findByHash(second.hash())).isEmpty();
        assertThat(apiKeys.findLiveByUser(user.id())).contains(first);
        assertThat(apiKeys.findByHash(current.hash())).map(ApiKey::revokedAt).contains(Optional.of(T0.plusSeconds(1)));
    }

    @Test
    void replaceOfOneKeyFromManyThreadsThenExactlyOneWins() throws Exception {
        ApiKey current = data.apiKey(user.id(), T0).key();
        apiKeys.save(current);
        int threads = 6;
        List<ApiKey> nexts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            nexts.add(data.apiKey(user.id(), T0.plusSeconds(1)).key());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (ApiKey next : nexts) {
                Callable<Boolean> task = () -> {
                    start.await();
                    return apiKeys.replace(current.id(), T0.plusSeconds(1), next);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<ApiKey> winners = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                if (results.get(i).get(60, TimeUnit.SECONDS)) {
                    winners.add(nexts.get(i));
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(apiKeys.findLiveByUser(user.id())).contains(winners.get(0));
            assertThat(nexts).filteredOn(k -> !k.equals(winners.get(0)))
                    .allSatisfy(loser -> assertThat(apiKeys.findByHash(loser.hash())).isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replaceLeavesOtherUsersKeysAlone() {
        User other = addUser();
        ApiKey othersKey = data.apiKey(other.id(), T0).key();
        apiKeys.save(othersKey);
        ApiKey current = data.apiKey(user.id(), T0).key();
        apiKeys.save(current);

        apiKeys.replace(current.id(), T0.plusSeconds(1), data.apiKey(user.id(), T0.plusSeconds(1)).key());

        assertThat(apiKeys.findLiveByUser(other.id())).contains(othersKey);
    }

    @Test
    void revokedSinceReturnsTheKeysRevokedAtOrAfterSince() {
        Instant since = T0.plus(Duration.ofHours(1));
        ApiKey before = TestData.revoked(data.apiKey(user.id(), T0).key(), since.minusMillis(1));
        ApiKey at = TestData.revoked(data.apiKey(user.id(), T0).key(), since);
        ApiKey after = TestData.revoked(data.apiKey(user.id(), T0).key(), since.plusMillis(1));
        ApiKey live = data.apiKey(user.id(), T0).key();
        for (ApiKey key : List.of(before, at, after, live)) {
            apiKeys.save(key);
        }

        assertThat(apiKeys.revokedSince(since)).containsExactlyInAnyOrder(at, after);
        assertThat(apiKeys.revokedSince(Instant.EPOCH)).containsExactlyInAnyOrder(before, at, after);
        assertThat(apiKeys.revokedSince(since.plusMillis(2))).isEmpty();
    }

    @Test
    void revokedSinceIncludesAKeyRevokedByReplace() {
        ApiKey current = data.apiKey(user.id(), T0).key();
        apiKeys.save(current);
        Instant now = T0.plusSeconds(30);
        apiKeys.replace(current.id(), now, data.apiKey(user.id(), now).key());

        assertThat(apiKeys.revokedSince(now)).containsExactly(TestData.revoked(current, now));
    }

    @Test
    void revokedSinceWhenNoKeyRevokedThenEmpty() {
        apiKeys.save(data.apiKey(user.id(), T0).key());

        assertThat(apiKeys.revokedSince(Instant.EPOCH)).isEmpty();
    }

    private User addUser() {
        User added = data.user();
        stores.users().add(added);
        return added;
    }
}
