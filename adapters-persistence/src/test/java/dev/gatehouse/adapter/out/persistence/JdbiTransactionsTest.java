package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Writes through two repositories inside {@link Database#transactions()} commit together or not at all. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class JdbiTransactionsTest {

    private final TestData data = new TestData();

    @Test
    void onH2AClientAndItsAuditEventCommitTogether() {
        commitTogether(TestDatabases::h2);
    }

    @Test
    void onPostgresAClientAndItsAuditEventCommitTogether() {
        commitTogether(TestDatabases::postgres);
    }

    @Test
    void onH2AFailureAfterBothWritesKeepsNeither() {
        rollBackTogether(TestDatabases::h2);
    }

    @Test
    void onPostgresAFailureAfterBothWritesKeepsNeither() {
        rollBackTogether(TestDatabases::postgres);
    }

    private void commitTogether(Supplier<TestDatabases.TestDatabase> databases) {
        TestDatabases.TestDatabase db = databases.get();
        Stores stores = db.stores();
        Workspace workspace = data.addWorkspace(stores);
        User user = data.addUser(stores);
        OAuthClient client = data.client(workspace.id(), T0);

        db.database().transactions().inTransaction(() -> {
            stores.clients().add(client);
            stores.audit().record(new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(),
                    client.name(), T0));
            return null;
        });

        assertThat(stores.clients().findById(client.id())).contains(client);
        assertThat(stores.audit().after(workspace.id(), 0, 10)).hasSize(1);
    }

    private void rollBackTogether(Supplier<TestDatabases.TestDatabase> databases) {
        TestDatabases.TestDatabase db = databases.get();
        Stores stores = db.stores();
        Workspace workspace = data.addWorkspace(stores);
        User user = data.addUser(stores);
        OAuthClient client = data.client(workspace.id(), T0);

        assertThatThrownBy(() -> db.database().transactions().inTransaction(() -> {
            stores.clients().add(client);
            stores.audit().record(new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(),
                    client.name(), T0));
            throw new InvalidInputException("fails after both writes");
        })).isInstanceOf(InvalidInputException.class);

        assertThat(stores.clients().findById(client.id())).isEmpty();
        assertThat(stores.audit().after(workspace.id(), 0, 10)).isEmpty();
    }
}
