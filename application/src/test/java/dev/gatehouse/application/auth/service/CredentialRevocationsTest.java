package dev.gatehouse.application.auth.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialRevocationsTest {

    private static final Duration TTL = Duration.ofHours(1);

    private final TestData data = new TestData(new SplittableRandom(12));
    private final MutableClock clock = new MutableClock(T0);
    private final List<ApiKeyId> notified = new CopyOnWriteArrayList<>();
    private Stores stores;
    private CredentialRevocations revocations;
    private ClientId client;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        revocations.onApiKeyRevoked(notified::add);
        client = new ClientId(CredentialKind.CLIENT_ID.generate(data.random()));
    }

    @Test
    void revokeTokenCountsAtOnceAndIsStored() {
        RevokedToken token = token(T0.plus(TTL));

        revocations.revokeToken(token);

        assertThat(revocations.isTokenRevoked(token.jti())).isTrue();
        assertThat(stores.revokedTokens().revokedSince(Instant.EPOCH, T0)).containsExactly(token);
    }

    @Test
    void isTokenRevokedWhenNeverRevokedThenFalse() {
        revocations.revokeToken(token(T0.plus(TTL)));

        assertThat(revocations.isTokenRevoked(Base62.random(data.random(), 22))).isFalse();
    }

    @Test
    void syncPicksUpATokenRevokedInTheRepositoryByAnotherServer() {
        RevokedToken elsewhere = token(T0.plus(TTL));
        clock.advance(Duration.ofMillis(300));
        stores.revokedTokens().add(elsewhere);
        assertThat(revocations.isTokenRevoked(elsewhere.jti())).isFalse();
        clock.advance(Duration.ofMillis(700));

        revocations.sync();

        assertThat(revocations.isTokenRevoked(elsewhere.jti())).isTrue();
    }

    @Test
    void syncPicksUpARevocationStampedShortlyBeforeTheLastSyncByAServerWhoseClockLags() {
        clock.advance(Duration.ofSeconds(10));
        revocations.sync();
        RevokedToken lagging = new RevokedToken(Base62.random(data.random(), 22), client, T0.plus(TTL),
                clock.instant().minusSeconds(3));
        stores.revokedTokens().add(lagging);
        clock.advance(Duration.ofSeconds(1));

        revocations.sync();

        assertThat(revocations.isTokenRevoked(lagging.jti())).isTrue();
    }

    @Test
    void aNewInstanceStartsWithTheRevocationsAlreadyStored() {
        RevokedToken token = token(T0.plus(TTL));
        revocations.revokeToken(token);

        CredentialRevocations restarted = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(),
                clock);

        assertThat(restarted.isTokenRevoked(token.jti())).isTrue();
    }

    @Test
    void syncForgetsATokenOnceItHasExpired() {
        RevokedToken token = token(T0.plus(TTL));
        revocations.revokeToken(token);
        revocations.revokeToken(token(T0.plus(TTL.multipliedBy(2))));
        assertThat(revocations.revokedTokenCount()).isEqualTo(2);

        clock.set(token.expiresAt());
        revocations.sync();

        assertThat(revocations.isTokenRevoked(token.jti())).isFalse();
        assertThat(revocations.revokedTokenCount()).isEqualTo(1);
    }

    @Test
    void syncKeepsATokenUntilItExpires() {
        RevokedToken token = token(T0.plus(TTL));
        revocations.revokeToken(token);

        clock.set(token.expiresAt().minusMillis(1));
        revocations.sync();

        assertThat(revocations.isTokenRevoked(token.jti())).isTrue();
    }

    @Test
    void purgeExpiredDeletesTheStoredEntriesOfExpiredTokens() {
        revocations.revokeToken(token(T0.plus(TTL)));
        RevokedToken later = token(T0.plus(TTL.multipliedBy(3)));
        revocations.revokeToken(later);
        clock.set(T0.plus(TTL.multipliedBy(2)));

        assertThat(revocations.purgeExpired()).isEqualTo(1);
        assertThat(stores.revokedTokens().revokedSince(Instant.EPOCH, T0)).containsExactly(later);
    }

    @Test
    void apiKeyRevokedCountsAtOnceAndNotifiesTheListenersOnce() {
        ApiKeyId key = ApiKeyId.generate(data.random());

        revocations.apiKeyRevoked(key, T0);
        revocations.apiKeyRevoked(key, T0.plusSeconds(1));

        assertThat(revocations.isApiKeyRevoked(key)).isTrue();
        assertThat(notified).containsExactly(key);
    }

    @Test
    void isApiKeyRevokedWhenNeverRevokedThenFalse() {
        revocations.apiKeyRevoked(ApiKeyId.generate(data.random()), T0);

        assertThat(revocations.isApiKeyRevoked(ApiKeyId.generate(data.random()))).isFalse();
    }

    @Test
    void syncPicksUpAKeyRevokedInTheRepositoryAndNotifiesOnce() {
        ApiKey key = storedKey();
        clock.advance(Duration.ofMillis(500));
        stores.apiKeys().replace(key.id(), clock.instant(), data.apiKey(key.userId(), clock.instant()).key());
        clock.advance(Duration.ofMillis(500));

        revocations.sync();
        clock.advance(Duration.ofSeconds(1));
        revocations.sync();

        assertThat(revocations.isApiKeyRevoked(key.id())).isTrue();
        assertThat(notified).containsExactly(key.id());
    }

    @Test
    void aNewInstanceStartsWithTheKeysRevokedInTheLastHour() {
        ApiKey key = storedKey();
        stores.apiKeys().replace(key.id(), T0, data.apiKey(key.userId(), T0).key());
        clock.advance(Duration.ofMinutes(30));

        CredentialRevocations restarted = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(),
                clock);

        assertThat(restarted.isApiKeyRevoked(key.id())).isTrue();
    }

    @Test
    void clientAcceptsAClientNotChangedLately() {
        ClientId unknown = new ClientId(CredentialKind.CLIENT_ID.generate(data.random()));

        assertThat(revocations.clientAccepts(unknown, 0)).isTrue();
    }

    @Test
    void clientChangedToDeletedRefusesEveryGenerationAtOnce() {
        OAuthClient client = storedClient();

        revocations.clientChanged(client.deleted(T0));

        assertThat(revocations.clientAccepts(client.clientId(), 0)).isFalse();
        assertThat(revocations.clientAccepts(client.clientId(), 1)).isFalse();
    }

    @Test
    void syncPicksUpAClientDeletedInTheRepositoryByAnotherServer() {
        OAuthClient client = storedClient();
        clock.advance(Duration.ofMillis(500));
        stores.clients().update(client.deleted(clock.instant()));
        assertThat(revocations.clientAccepts(client.clientId(), 0)).isTrue();
        clock.advance(Duration.ofMillis(500));

        revocations.sync();

        assertThat(revocations.clientAccepts(client.clientId(), 0)).isFalse();
    }

    @Test
    void clientChangedKeepsTheNewestVersionWhateverTheOrderOfArrival() {
        OAuthClient client = storedClient();
        OAuthClient rotated = client.rotated(Duration.ZERO, true, T0, data.random()).client();
        OAuthClient deleted = rotated.deleted(T0.plusSeconds(1));

        revocations.clientChanged(deleted);
        revocations.clientChanged(rotated);

        assertThat(revocations.clientAccepts(client.clientId(), 1)).isFalse();
    }

    @Test
    void aRotationWithRevokeTokensRefusesOnlyTheEarlierGenerations() {
        OAuthClient client = storedClient();

        revocations.clientChanged(client.rotated(Duration.ZERO, true, T0, data.random()).client());

        assertThat(revocations.clientAccepts(client.clientId(), 0)).isFalse();
        assertThat(revocations.clientAccepts(client.clientId(), 1)).isTrue();
    }

    @Test
    void aNewInstanceHoldsNoneOfTheClientsThatAcceptEveryTokenTheyIssued() {
        OAuthClient fresh = storedClient();
        OAuthClient patched = storedClient();
        stores.clients().update(patched.patched(Optional.of("renamed"), Optional.empty(), Optional.empty(), T0));
        OAuthClient revoked = storedClient();
        stores.clients().update(revoked.rotated(Duration.ZERO, true, T0, data.random()).client());

        CredentialRevocations restarted = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(),
                clock);

        assertThat(restarted.changedClientCount()).isEqualTo(1);
        assertThat(restarted.clientAccepts(fresh.clientId(), 0)).isTrue();
        assertThat(restarted.clientAccepts(patched.clientId(), 0)).isTrue();
        assertThat(restarted.clientAccepts(revoked.clientId(), 0)).isFalse();
    }

    @Test
    void clientChangedAfterARevocationKeepsRefusingTheEarlierGeneration() {
        OAuthClient client = storedClient();
        OAuthClient rotated = client.rotated(Duration.ZERO, true, T0, data.random()).client();

        revocations.clientChanged(rotated);
        revocations.clientChanged(rotated.patched(Optional.of("renamed"), Optional.empty(), Optional.empty(), T0));

        assertThat(revocations.clientAccepts(client.clientId(), 0)).isFalse();
        assertThat(revocations.clientAccepts(client.clientId(), 1)).isTrue();
    }

    private OAuthClient storedClient() {
        Workspace workspace = data.addWorkspace(stores);
        OAuthClient client = data.client(workspace.id());
        stores.clients().add(client);
        return client;
    }

    private ApiKey storedKey() {
        User user = data.addUser(stores);
        ApiKey key = data.apiKey(user.id(), T0).key();
        stores.apiKeys().save(key);
        return key;
    }

    private RevokedToken token(Instant expiresAt) {
        return new RevokedToken(Base62.random(data.random(), 22), client, expiresAt, clock.instant());
    }
}
