package dev.gatehouse.application.audit.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do; subclasses supply a fresh, empty store. The port has no read side,
 * so subclasses may add checks of what their store holds.
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

    /** One event of every type of the closed family; a new type must be added here. */
    protected List<AuditEvent> oneOfEachType(Instant at) {
        return List.of(
                new AuditEvent.WorkspaceBootstrapped(workspace.id(), user.id(), at),
                new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(), client.name(), at),
                new AuditEvent.ClientAuthenticationFailed(workspace.id(), client.clientId(), at));
    }

    @Test
    void recordAcceptsEachEventType() {
        for (AuditEvent event : oneOfEachType(T0)) {
            assertThatCode(() -> audit.record(event)).as(event.type()).doesNotThrowAnyException();
        }
    }

    @Test
    void recordAcceptsTheSameEventTwice() {
        AuditEvent failed = new AuditEvent.ClientAuthenticationFailed(workspace.id(), client.clientId(), T0);
        audit.record(failed);

        assertThatCode(() -> audit.record(failed)).doesNotThrowAnyException();
    }

    @Test
    void recordAcceptsAnInstantFinerThanMilliseconds() {
        Instant fine = T0.plusNanos(456_789);

        for (AuditEvent event : oneOfEachType(fine)) {
            assertThatCode(() -> audit.record(event)).as(event.type()).doesNotThrowAnyException();
        }
    }

    @Test
    void recordAcceptsANameWithCharactersOutsideAscii() {
        AuditEvent created = new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(),
                "Équipe 東京 \uD83D\uDE80", T0);

        assertThatCode(() -> audit.record(created)).doesNotThrowAnyException();
    }
}
