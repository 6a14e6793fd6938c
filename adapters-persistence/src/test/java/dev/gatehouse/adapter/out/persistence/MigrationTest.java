package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A database that an earlier version left at V1, with rows in it, is migrated on open and keeps its rows. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class MigrationTest {

    private final TestData data = new TestData();

    @Test
    void openWhenH2AtVersion1ThenMigratesAndKeepsItsRows() {
        upgrade(TestDatabases::emptyH2);
    }

    @Test
    void openWhenPostgresAtVersion1ThenMigratesAndKeepsItsRows() {
        upgrade(TestDatabases::emptyPostgres);
    }

    private void upgrade(Supplier<TestDatabases.Location> locations) {
        TestDatabases.Location location = locations.get();
        location.migrateTo("1");
        Workspace workspace = data.workspace();
        User user = data.user();
        ApiKey key = TestData.revoked(data.apiKey(user.id(), T0).key(), T0.plusSeconds(5));
        Jdbi.create(location.url(), location.user(), location.password()).useTransaction(handle -> {
            JdbiWorkspaceRepository.insert(handle, workspace);
            JdbiUserRepository.insert(handle, user);
            JdbiApiKeyRepository.insert(handle, key);
            handle.createUpdate("""
                            INSERT INTO audit_events (workspace_id, type, occurred_at, details)
                            VALUES (:workspaceId, 'workspace.bootstrapped', :at, :details)
                            """)
                    .bind("workspaceId", workspace.id().value())
                    .bind("at", T0.toEpochMilli())
                    .bind("details", "{\"owner\":\"" + user.id().value() + "\"}")
                    .execute();
        });

        Database db = location.open().database();

        assertThat(db.workspaces().findById(workspace.id())).contains(workspace);
        assertThat(db.apiKeys().revokedSince(T0)).containsExactly(key);
        assertThat(db.auditLog().after(workspace.id(), 0, 10)).singleElement()
                .extracting(RecordedAuditEvent::details).isEqualTo(Map.of("owner", user.id().value()));
        EventSource source = new EventSource(SourceId.generate(data.random()), workspace.id(), "orders", user.id(), T0);
        db.sources().add(source);
        assertThat(db.sources().append(source.id(), T0, "{}", 10).sequence()).isEqualTo(1);
    }
}
