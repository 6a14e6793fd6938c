package dev.gatehouse.application.token.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.testing.WatchedReads;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentClientsTest {

    private final TestData data = new TestData(new SplittableRandom(37));
    private final MutableClock clock = new MutableClock(T0);
    private final WatchedReads watchedReads = new WatchedReads();
    private final AtomicInteger reads = watchedReads.count();
    private Stores stores;
    private Workspace workspace;
    private OAuthClient.Registration registration;
    private RecentClients recent;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        workspace = data.addWorkspace(stores);
        registration = data.registration(workspace.id(), clock.instant(), "workspace:read");
        stores.clients().add(registration.client());
        OAuthClientRepository real = stores.clients();
        OAuthClientRepository watched = watchedReads.watch(OAuthClientRepository.class, real, "findByClientId");
        recent = new RecentClients(watched, clock);
    }

    private ClientId id() {
        return registration.client().clientId();
    }

    /** The stored client, rotated: its old secret no longer matches. */
    private OAuthClient rotateInStore() {
        OAuthClient current = stores.clients().findByClientId(id()).orElseThrow();
        OAuthClient rotated = current.rotated(Duration.ZERO, false, clock.instant(), data.random()).client();
        assertThat(stores.clients().update(rotated)).isTrue();
        return rotated;
    }

    @Test
    void findTwiceWithinASecondThenTheStoreIsReadOnce() {
        assertThat(recent.findByClientId(id())).contains(registration.client());
        clock.advance(RecentClients.RECENT.minusMillis(1));
        assertThat(recent.findByClientId(id())).contains(registration.client());

        assertThat(reads).hasValue(1);
    }

    @Test
    void findASecondAfterTheReadThenTheStoreIsReadAgain() {
        recent.findByClientId(id());
        clock.advance(RecentClients.RECENT);

        recent.findByClientId(id());

        assertThat(reads).hasValue(2);
    }

    @Test
    void findAfterAChangeThenTheNewSecretCountsAndTheOldOneNoLonger() {
        assertThat(recent.findByClientId(id()).orElseThrow().secretMatches(registration.secret().value(), clock.instant())).isTrue();
        OAuthClient rotated = rotateInStore();

        recent.changed();

        OAuthClient found = recent.findByClientId(id()).orElseThrow();
        assertThat(found).isEqualTo(rotated);
        assertThat(found.secretMatches(registration.secret().value(), clock.instant())).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangeMadeWhileAReadIsUnderWayIsNotOutlivedByThatRead() {
        OAuthClient[] rotated = new OAuthClient[1];
        watchedReads.duringNextRead(() -> {
            rotated[0] = rotateInStore();
            recent.changed();
        });

        assertThat(recent.findByClientId(id())).contains(registration.client());

        assertThat(recent.findByClientId(id())).contains(rotated[0]);
        assertThat(reads).hasValue(2);
    }

    /** Unknown ids take the known ids' path: read once a second, not on every request. */
    @Test
    void anUnknownIdIsRememberedAsUnknownForASecond() {
        ClientId unknown = data.registration(workspace.id(), clock.instant(), "workspace:read").client().clientId();

        assertThat(recent.findByClientId(unknown)).isEmpty();
        assertThat(recent.findByClientId(unknown)).isEmpty();
        assertThat(reads).hasValue(1);
        clock.advance(RecentClients.RECENT);
        assertThat(recent.findByClientId(unknown)).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aClientStoredAfterItsIdWasAskedForIsFoundAfterAChange() {
        OAuthClient.Registration later = data.registration(workspace.id(), clock.instant(), "workspace:read");
        assertThat(recent.findByClientId(later.client().clientId())).isEmpty();

        stores.clients().add(later.client());
        recent.changed();

        assertThat(recent.findByClientId(later.client().clientId())).contains(later.client());
    }

    @Test
    void eachClientIsRememberedUnderItsOwnId() {
        OAuthClient.Registration other = data.registration(workspace.id(), clock.instant(), "workspace:read");
        stores.clients().add(other.client());

        assertThat(recent.findByClientId(id())).contains(registration.client());
        assertThat(recent.findByClientId(other.client().clientId())).contains(other.client());
        assertThat(recent.findByClientId(id())).contains(registration.client());
        assertThat(reads).hasValue(2);
    }
}
