package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.audit.port.out.AuditLogContract;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.domain.audit.AuditEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link AuditLogContract}, plus checks of the rows that {@link JdbiAuditLog} writes and reads. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
abstract class JdbiAuditLogChecks extends AuditLogContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabases.TestDatabase db;

    abstract TestDatabases.TestDatabase newDatabase();

    @Override
    protected final Stores newStores() {
        db = newDatabase();
        return db.stores();
    }

    @Test
    void recordStoresTypeWorkspaceTimeAndTheDetailsAsAJsonObjectOfStrings() throws Exception {
        List<AuditEvent> events = oneOfEachType(T0);
        for (AuditEvent event : events) {
            audit.record(event);
        }

        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(row -> row.get("type")).containsExactlyElementsOf(
                events.stream().map(AuditEvent::type).toList());
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("workspace_id")).isEqualTo(workspace.id().value());
            assertThat(((Number) row.get("occurred_at")).longValue()).isEqualTo(T0.toEpochMilli());
            assertThat(JSON.readValue((String) row.get("details"), new TypeReference<Map<String, String>>() {}))
                    .as(events.get(i).type())
                    .isEqualTo(events.get(i).details());
        }
    }

    @Test
    void recordWritesTheFieldsOfAClientCreationUnderTheirWireNames() throws Exception {
        audit.record(new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(),
                client.name(), T0));

        assertThat(details(rows().get(0))).isEqualTo(JSON.createObjectNode()
                .put("actor", user.id().value())
                .put("source_ip", "unknown")
                .put("client_record_id", client.id().value())
                .put("client_id", client.clientId().value())
                .put("name", client.name()));
    }

    @Test
    void recordKeepsANameOutsideAsciiIntact() throws Exception {
        String name = "Équipe 東京 \uD83D\uDE80";
        audit.record(new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(), name, T0));

        assertThat(details(rows().get(0)).get("name").asText()).isEqualTo(name);
    }

    @Test
    void recordStoresAFinerInstantToTheMillisecond() {
        audit.record(new AuditEvent.ClientAuthenticationFailures(workspace.id(), client.clientId(), 3, T0,
                T0.plusNanos(456_789)));

        assertThat(((Number) rows().get(0).get("occurred_at")).longValue()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void afterNumbersEventsByTheirRowId() {
        audit.record(new AuditEvent.WorkspaceBootstrapped(workspace.id(), user.id(), T0));
        audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user.id(), T0.plusSeconds(1)));

        List<Long> ids = rows().stream().map(row -> ((Number) row.get("id")).longValue()).toList();

        assertThat(audit.after(workspace.id(), 0, 10)).extracting(RecordedAuditEvent::id).isEqualTo(ids);
    }

    /** A row written before details came from the event itself (the V1 layout) still reads back. */
    @Test
    void afterReadsARowWrittenByAnEarlierVersion() {
        db.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_events (workspace_id, type, occurred_at, details)
                        VALUES (:workspaceId, 'oauth_client.authentication_failed', :at, :details)
                        """)
                .bind("workspaceId", workspace.id().value())
                .bind("at", T0.toEpochMilli())
                .bind("details", "{\"client_id\":\"" + client.clientId().value() + "\"}")
                .execute());

        assertThat(audit.after(workspace.id(), 0, 10)).singleElement().satisfies(recorded -> {
            assertThat(recorded.type()).isEqualTo("oauth_client.authentication_failed");
            assertThat(recorded.at()).isEqualTo(T0);
            assertThat(recorded.details()).isEqualTo(Map.of("client_id", client.clientId().value()));
        });
    }

    private List<Map<String, Object>> rows() {
        return db.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT id, workspace_id, type, occurred_at, details
                          FROM audit_events
                         ORDER BY id
                        """)
                .mapToMap()
                .list());
    }

    private static JsonNode details(Map<String, Object> row) throws Exception {
        return JSON.readTree((String) row.get("details"));
    }
}
