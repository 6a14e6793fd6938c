package dev.gatehouse.application.testing;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.audit.port.out.AuditLogContract;
import dev.gatehouse.domain.audit.AuditEvent;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }

    @Test
    void eventsReturnsWhatWasRecordedInOrder() {
        List<AuditEvent> events = oneOfEachType(T0);
        events.forEach(audit::record);

        assertThat(((InMemoryAuditLog) audit).events()).containsExactlyElementsOf(events);
    }

    @Test
    void afterNumbersTheEventsFromOneAcrossWorkspaces() {
        List<AuditEvent> events = oneOfEachType(T0);
        events.forEach(audit::record);

        assertThat(audit.after(workspace.id(), 0, 100)).extracting(RecordedAuditEvent::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
    }
}
