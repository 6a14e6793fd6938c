package dev.gatehouse.application.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEvent.ClientAuthenticationFailures;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthenticationFailureAggregatorTest {

    private static final Instant MINUTE = Instant.parse("2024-05-01T10:15:00Z");
    private static final Instant NEXT_MINUTE = MINUTE.plus(Duration.ofMinutes(1));

    private final TestData data = new TestData(new SplittableRandom(11));
    private final MutableClock clock = new MutableClock(MINUTE.plusSeconds(30).plusNanos(123_456_789));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final AuthenticationFailureAggregator failures = new AuthenticationFailureAggregator(audit, clock);
    private final WorkspaceId workspace = WorkspaceId.generate(data.random());
    private final ClientId client = clientId();

    @Test
    void fiveFailuresInOneMinuteThenNothingUntilTheMinuteEndsAndThenOneEventCountingFive() {
        for (int i = 0; i < 5; i++) {
            failures.failed(workspace, client);
            clock.advance(Duration.ofSeconds(5));
        }

        failures.flushEnded();
        clock.set(NEXT_MINUTE.minusMillis(1));
        failures.flushEnded();
        assertThat(audit.events()).isEmpty();

        clock.set(NEXT_MINUTE);
        failures.flushEnded();

        assertThat(audit.events()).containsExactly(
                new ClientAuthenticationFailures(workspace, client, 5, MINUTE, NEXT_MINUTE));
    }

    @Test
    void flushEndedRecordsAWindowOnlyOnce() {
        failures.failed(workspace, client);
        clock.set(NEXT_MINUTE);

        failures.flushEnded();
        failures.flushEnded();
        clock.advance(Duration.ofMinutes(5));
        failures.flushEnded();

        assertThat(audit.events()).hasSize(1);
    }

    @Test
    void twoClientsFailingInOneMinuteThenOneEventForEach() {
        WorkspaceId otherWorkspace = WorkspaceId.generate(data.random());
        ClientId other = clientId();
        failures.failed(workspace, client);
        failures.failed(otherWorkspace, other);
        failures.failed(workspace, client);
        clock.set(NEXT_MINUTE.plusMillis(250));

        failures.flushEnded();

        assertThat(audit.events()).containsExactlyInAnyOrder(
                new ClientAuthenticationFailures(workspace, client, 2, MINUTE, NEXT_MINUTE.plusMillis(250)),
                new ClientAuthenticationFailures(otherWorkspace, other, 1, MINUTE, NEXT_MINUTE.plusMillis(250)));
    }

    @Test
    void failuresInTwoMinutesThenOneEventForEachMinute() {
        failures.failed(workspace, client);
        failures.failed(workspace, client);
        clock.set(NEXT_MINUTE.plusSeconds(10));
        failures.failed(workspace, client);
        clock.set(NEXT_MINUTE.plus(Duration.ofMinutes(1)));

        failures.flushEnded();

        assertThat(audit.events()).extracting(e -> ((ClientAuthenticationFailures) e).windowStart(),
                        e -> ((ClientAuthenticationFailures) e).count())
                .containsExactlyInAnyOrder(
                        tuple(MINUTE, 2),
                        tuple(NEXT_MINUTE, 1));
    }

    @Test
    void flushEndedLeavesTheCurrentMinuteOpen() {
        failures.failed(workspace, client);
        clock.set(NEXT_MINUTE);
        failures.failed(workspace, client);
        failures.failed(workspace, client);

        failures.flushEnded();

        assertThat(audit.events()).singleElement().isEqualTo(
                new ClientAuthenticationFailures(workspace, client, 1, MINUTE, NEXT_MINUTE));
    }

    @Test
    void flushAllRecordsTheMinuteThatHasNotEnded() {
        failures.failed(workspace, client);
        failures.failed(workspace, client);

        failures.flushAll();

        assertThat(audit.events()).containsExactly(
                new ClientAuthenticationFailures(workspace, client, 2, MINUTE, MINUTE.plusSeconds(30).plusMillis(123)));
    }

    @Test
    void flushWhenNoFailuresThenNothing() {
        failures.flushEnded();
        failures.flushAll();

        assertThat(audit.events()).isEmpty();
    }

    @Test
    void aFailureAfterAFlushStartsACountOfItsOwn() {
        failures.failed(workspace, client);
        failures.flushAll();

        failures.failed(workspace, client);
        failures.flushAll();

        assertThat(audit.events()).extracting(e -> ((ClientAuthenticationFailures) e).count()).containsExactly(1, 1);
    }

    @Test
    void failuresFromManyThreadsAreAllCounted() throws Exception {
        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        failures.failed(workspace, client);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.set(NEXT_MINUTE);

        failures.flushEnded();

        assertThat(audit.events()).singleElement()
                .satisfies(e -> assertThat(((ClientAuthenticationFailures) e).count()).isEqualTo(threads * perThread));
    }

    @Test
    void theRecordedEventCarriesNoSecret() {
        failures.failed(workspace, client);
        failures.flushAll();

        AuditEvent event = audit.events().get(0);
        assertThat(event.details()).containsOnlyKeys("client_id", "count", "window_start");
    }

    private ClientId clientId() {
        return new ClientId(CredentialKind.CLIENT_ID.generate(data.random()));
    }
}
