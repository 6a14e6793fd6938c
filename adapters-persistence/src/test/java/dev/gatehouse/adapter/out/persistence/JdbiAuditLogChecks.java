package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.audit.port.out.AuditLogContract;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.domain.audit.AuditEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link AuditLogContract}, plus checks of the rows that {@link JdbiAuditLog} writes. */
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
    void recordStoresTypeWorkspaceTimeAndTheOtherFieldsAsJson() throws Exception {
        for (AuditEvent event : oneOfEachType(T0)) {
            audit.record(event);
        }

        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(row -> row.get("type"))
                .containsExactly("workspace.bootstrapped", "oauth_client.created", "oauth_client.authentication_failed");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("workspace_id")).isEqualTo(workspace.id().value());
            assertThat(((Number) row.get("occurred_at")).longValue()).isEqualTo(T0.toEpochMilli());
        });
        assertThat(details(rows.get(0))).isEqualTo(JSON.readTree("{\"owner\":\"" + user.id() + "\"}"));
        assertThat(details(rows.get(1))).isEqualTo(JSON.createObjectNode()
                .put("actor", user.id().value())
                .put("client_record_id", client.id().value())
                .put("client_id", client.clientId().value())
                .put("name", client.name()));
        assertThat(details(rows.get(2))).isEqualTo(JSON.createObjectNode().put("client_id", client.clientId().value()));
    }

    @Test
    void recordKeepsANameOutsideAsciiIntact() throws Exception {
        String name = "Équipe 東京 \uD83D\uDE80";
        audit.record(new AuditEvent.OAuthClientCreated(workspace.id(), user.id(), client.id(), client.clientId(), name, T0));

        assertThat(details(rows().get(0)).get("name").asText()).isEqualTo(name);
    }

    @Test
    void recordStoresAFinerInstantToTheMillisecond() {
        audit.record(new AuditEvent.ClientAuthenticationFailed(workspace.id(), client.clientId(), T0.plusNanos(456_789)));

        assertThat(((Number) rows().get(0).get("occurred_at")).longValue()).isEqualTo(T0.toEpochMilli());
    }

    private List<Map<String, Object>> rows() {
        return db.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT workspace_id, type, occurred_at, details
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
