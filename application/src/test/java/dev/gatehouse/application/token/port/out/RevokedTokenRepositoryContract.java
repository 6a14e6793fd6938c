package dev.gatehouse.application.token.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RevokedTokenRepository} must do; subclasses supply a fresh, empty store. A token expires at
 * its {@code exp}: from that instant on its entry is no longer needed.
 */
public abstract class RevokedTokenRepositoryContract {

    private static final Duration TTL = Duration.ofHours(1);

    protected final TestData data = new TestData();
    protected Stores stores;
    protected RevokedTokenRepository revokedTokens;
    protected OAuthClient client;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        revokedTokens = stores.revokedTokens();
        Workspace workspace = data.addWorkspace(stores);
        client = data.client(workspace.id());
        stores.clients().add(client);
    }

    @Test
    void revokedSinceWhenNothingRevokedThenEmpty() {
        assertThat(revokedTokens.revokedSince(Instant.EPOCH, T0)).isEmpty();
    }

    @Test
    void addThenRevokedSinceReturnsEveryField() {
        RevokedToken token = token(T0.plus(TTL), T0.plusMillis(250));

        revokedTokens.add(token);

        assertThat(revokedTokens.revokedSince(Instant.EPOCH, T0)).singleElement().satisfies(found -> {
            assertThat(found).isEqualTo(token);
            assertThat(found.jti()).isEqualTo(token.jti());
            assertThat(found.clientId()).isEqualTo(client.clientId());
            assertThat(found.expiresAt()).isEqualTo(T0.plus(TTL));
            assertThat(found.revokedAt()).isEqualTo(T0.plusMillis(250));
        });
    }

    @Test
    void addOfTheSameTokenAgainChangesNothing() {
        RevokedToken first = token(T0.plus(TTL), T0);
        revokedTokens.add(first);

        revokedTokens.add(first);
        revokedTokens.add(new RevokedToken(first.jti(), first.clientId(), first.expiresAt(), T0.plusSeconds(30)));

        assertThat(revokedTokens.revokedSince(Instant.EPOCH, T0)).containsExactly(first);
    }

    @Test
    void revokedSinceIncludesTheEntriesRevokedAtOrAfterSince() {
        Instant since = T0.plusSeconds(10);
        RevokedToken before = token(T0.plus(TTL), since.minusMillis(1));
        RevokedToken at = token(T0.plus(TTL), since);
        RevokedToken after = token(T0.plus(TTL), since.plusMillis(1));
        revokedTokens.add(before);
        revokedTokens.add(at);
        revokedTokens.add(after);

        assertThat(revokedTokens.revokedSince(since, since)).containsExactlyInAnyOrder(at, after);
        assertThat(revokedTokens.revokedSince(Instant.EPOCH, since)).containsExactlyInAnyOrder(before, at, after);
    }

    @Test
    void revokedSinceLeavesOutTheTokensExpiredByNow() {
        Instant now = T0.plus(TTL);
        RevokedToken expiredBefore = token(now.minusMillis(1), T0);
        RevokedToken expiringNow = token(now, T0);
        RevokedToken stillLive = token(now.plusMillis(1), T0);
        revokedTokens.add(expiredBefore);
        revokedTokens.add(expiringNow);
        revokedTokens.add(stillLive);

        assertThat(revokedTokens.revokedSince(Instant.EPOCH, now)).containsExactly(stillLive);
    }

    @Test
    void purgeExpiredDeletesTheTokensExpiredByNowAndCountsThem() {
        Instant now = T0.plus(TTL);
        revokedTokens.add(token(now.minusSeconds(60), T0));
        revokedTokens.add(token(now, T0));
        RevokedToken stillLive = token(now.plusMillis(1), T0);
        revokedTokens.add(stillLive);

        int purged = revokedTokens.purgeExpired(now);

        assertThat(purged).isEqualTo(2);
        assertThat(revokedTokens.revokedSince(Instant.EPOCH, T0)).containsExactly(stillLive);
    }

    @Test
    void purgeExpiredWhenNothingExpiredThenZero() {
        RevokedToken token = token(T0.plus(TTL), T0);
        revokedTokens.add(token);

        assertThat(revokedTokens.purgeExpired(T0)).isZero();
        assertThat(revokedTokens.revokedSince(Instant.EPOCH, T0)).containsExactly(token);
    }

    @Test
    void addAfterPurgeOfTheSameTokenStoresItAgain() {
        RevokedToken token = token(T0.plus(TTL), T0);
        revokedTokens.add(token);
        revokedTokens.purgeExpired(T0.plus(TTL));

        revokedTokens.add(token);

        assertThat(revokedTokens.revokedSince(Instant.EPOCH, T0)).containsExactly(token);
    }

    private RevokedToken token(Instant expiresAt, Instant revokedAt) {
        return new RevokedToken(Base62.random(data.random(), 22), client.clientId(), expiresAt, revokedAt);
    }
}
