package dev.gatehouse.application.audit.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.workspace.WorkspaceId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do; subclasses supply a fresh, empty store. Events are read back through
 * {@link AuditLog#after}; subclasses may add checks of what their store holds.
 */
public abstract class AuditLogContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected AuditLog audit;
    protected Workspace workspace;
    protected User user;
    protected OAuthClient client;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        audit = stores.audit();
        workspace = data.workspace();
        stores.workspaces().add(workspace);
        user = data.user();
        stores.users().add(user);
        client = data.client(workspace.id());
        stores.clients().add(client);
    }

    /** One event of every type of the closed family, in {@link #workspace}; a new type must be added here. */
    protected List<AuditEvent> oneOfEachType(Instant at) {
        return oneOfEachType(workspace, at);
    }

    private List<AuditEvent> oneOfEachType(Workspace in, Instant at) {
        return List.of(
                new AuditEvent.WorkspaceBootstrapped(in.id(), user.id(), at),
                new AuditEvent.OAuthClientCreated(in.id(), user.id(), client.id(), client.clientId(), client.name(), at),
                new AuditEvent.ClientAuthenticationFailures(in.id(), client.clientId(), 17,
                        at.truncatedTo(ChronoUnit.MINUTES), at),
                new AuditEvent.ApiKeyRevoked(in.id(), user.id(), at),
                new AuditEvent.AccessTokenRevoked(in.id(), client.clientId(), data.client(in.id()).clientId(),
                        Base62.random(data.random(), 22), at),
                new AuditEvent.OAuthClientChanged(in.id(), user.id(), "203.0.113.7", "secret_rotated", client.clientId(),
                        "grace_period_seconds=3600 revoke_tokens=true", at),
                new AuditEvent.ProjectChanged(in.id(), client.clientId(), "created",
                        ProjectId.generate(data.random()).value(), at),
                new AuditEvent.MemberChanged(in.id(), user.id(), "2001:db8::1", "role_changed", user.id(), "admin", at));
    }

    @Test
    void recordAcceptsEachEventType() {
        for (AuditEvent event : oneOfEachType(T0)) {
            assertThatCode(() -> audit.record(event)).as(event.type()).doesNotThrowAnyException();
        }
    }

    @Test
    void recordAcceptsTheSameEventTwiceAndKeepsBoth() {
        AuditEvent failed = new AuditEvent.ClientAuthenticationFailures(workspace.id(), client.clientId(), 3,
                T0.truncatedTo(ChronoUnit.MINUTES), T0);
        audit.record(failed);

        assertThatCode(() -> audit.record(failed)).doesNotThrowAnyException();
        assertThat(audit.after(workspace.id(), 0, 10)).hasSize(2);
    }

    @Test
    void afterWhenNothingRecordedThenEmpty() {
        assertThat(audit.after(workspace.id(), 0, 10)).isEmpty();
    }

    @Test
    void afterRoundTripsTypeWorkspaceTimeAndDetailsOfEveryEventType() {
        List<AuditEvent> events = oneOfEachType(T0);
        events.forEach(audit::record);

        List<RecordedAuditEvent> found = audit.after(workspace.id(), 0, 100);

        assertThat(found).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            RecordedAuditEvent recorded = found.get(i);
            assertThat(recorded.type()).as("type").isEqualTo(event.type());
            assertThat(recorded.workspaceId()).as(event.type()).isEqualTo(workspace.id());
            assertThat(recorded.at()).as(event.type()).isEqualTo(T0);
            assertThat(recorded.details()).as(event.type()).isEqualTo(event.details());
        }
    }

    @Test
    void afterReturnsTheEventsInRecordingOrderWithIncreasingIds() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Times go backwards: the order is the recording order, not the events' times.
            events.add(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), T0.minusSeconds(i)));
        }
        events.forEach(audit::record);

        List<RecordedAuditEvent> found = audit.after(workspace.id(), 0, 100);

        assertThat(found).extracting(RecordedAuditEvent::at)
                .containsExactlyElementsOf(events.stream().map(AuditEvent::at).toList());
        assertThat(found).extracting(RecordedAuditEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(found.get(0).id()).isPositive();
    }

    @Test
    void latestIdIsTheNewestOfTheWorkspacesEventsOrZero() {
        assertThat(audit.latestId(workspace.id())).isZero();
        oneOfEachType(T0).forEach(audit::record);
        List<RecordedAuditEvent> all = audit.after(workspace.id(), 0, 100);

        assertThat(audit.latestId(workspace.id())).isEqualTo(all.get(all.size() - 1).id());
        assertThat(audit.latestId(WorkspaceId.generate(data.random()))).isZero();
    }

    @Test
    void afterLeavesOutTheGivenIdAndThoseBefore() {
        List<AuditEvent> events = oneOfEachType(T0);
        events.forEach(audit::record);
        List<RecordedAuditEvent> all = audit.after(workspace.id(), 0, 100);

        List<RecordedAuditEvent> afterSecond = audit.after(workspace.id(), all.get(1).id(), 100);

        assertThat(afterSecond).containsExactlyElementsOf(all.subList(2, all.size()));
        assertThat(audit.after(workspace.id(), all.get(all.size() - 1).id(), 100)).isEmpty();
    }

    @Test
    void afterReturnsAtMostTheLimitOldestFirst() {
        for (int i = 0; i < 5; i++) {
            audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), T0.plusMillis(i)));
        }
        List<RecordedAuditEvent> all = audit.after(workspace.id(), 0, 100);

        List<RecordedAuditEvent> page = audit.after(workspace.id(), all.get(0).id(), 2);

        assertThat(page).containsExactly(all.get(1), all.get(2));
    }

    @Test
    void afterPagesThroughEveryEventWithoutGapsOrRepeats() {
        for (int i = 0; i < 25; i++) {
            audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), T0.plusMillis(i)));
        }

        List<Instant> seen = new ArrayList<>();
        long last = 0;
        while (true) {
            List<RecordedAuditEvent> page = audit.after(workspace.id(), last, 7);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(e -> seen.add(e.at()));
            last = page.get(page.size() - 1).id();
        }

        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void afterReturnsOnlyTheWorkspacesEvents() {
        Workspace other = data.workspace();
        stores.workspaces().add(other);
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), T0));
        audit.record(new AuditEvent.ApiKeyRevoked(other.id(), user.id(), T0.plusMillis(1)));
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), T0.plusMillis(2)));
        List<AuditEvent> othersTypes = oneOfEachType(other, T0);
        othersTypes.forEach(audit::record);

        List<RecordedAuditEvent> mine = audit.after(workspace.id(), 0, 100);
        List<RecordedAuditEvent> theirs = audit.after(other.id(), 0, 100);

        assertThat(mine).extracting(RecordedAuditEvent::at).containsExactly(T0, T0.plusMillis(2));
        assertThat(mine).allSatisfy(e -> assertThat(e.workspaceId()).isEqualTo(workspace.id()));
        assertThat(theirs).hasSize(1 + othersTypes.size())
                .allSatisfy(e -> assertThat(e.workspaceId()).isEqualTo(other.id()));
        assertThat(audit.after(other.id(), mine.get(1).id(), 100)).hasSize(othersTypes.size());
    }

    @Test
    void afterReturnsAFinerInstantToTheMillisecond() {
        for (AuditEvent event : oneOfEachType(T0.plusNanos(456_789))) {
            assertThatCode(() -> audit.record(event)).as(event.type()).doesNotThrowAnyException();
        }

        assertThat(audit.after(workspace.id(), 0, 100)).extracting(RecordedAuditEvent::at).containsOnly(T0);
    }

    @Test
    void afterKeepsANameWithCharactersOutsideAsciiIntact() {
        String name = "Équipe 東京 \uD83D\uDE80 \"quoted\" back\\slash";
        audit.record(new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(), name, T0));

        assertThat(audit.after(workspace.id(), 0, 1)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("name", name));
    }

    @Test
    void afterKeepsTimesFarApart() {
        Instant later = T0.plus(Duration.ofDays(3650));
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), later));

        assertThat(audit.after(workspace.id(), 0, 1)).singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(later));
    }

    @Test
    void afterReturnsDetailsByTheirWireNames() {
        audit.record(new AuditEvent.ClientAuthenticationFailures(workspace.id(), client.clientId(), 5,
                T0.truncatedTo(ChronoUnit.MINUTES), T0));

        Map<String, String> details = audit.after(workspace.id(), 0, 1).get(0).details();

        assertThat(details).isEqualTo(Map.of("client_id", client.clientId().value(), "count", "5",
                "window_start", T0.truncatedTo(ChronoUnit.MINUTES).toString()));
    }
}
