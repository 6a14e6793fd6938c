package dev.gatehouse.application.source.port.in;

import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/** The event source use cases of contract §8. */
public final class SourceUseCases {

    private SourceUseCases() {}

    /** A user creates a source in one of their workspaces ({@code org_id} is needed only when they have several). */
    public interface CreateSourceUseCase {
        EventSource create(CreateSourceCommand command);
    }

    public record CreateSourceCommand(UserId actor, Optional<WorkspaceId> workspace, String name) {
        public CreateSourceCommand {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(workspace, "workspace");
        }
    }

    /** A member of the source's workspace, or a client of it, reads the source. */
    public interface GetSourceUseCase {
        EventSource get(Principal caller, SourceId id);
    }

    /** A member of the source's workspace, or a client of it, deletes the source and its events. */
    public interface DeleteSourceUseCase {
        void delete(Principal caller, SourceId id);
    }

    /** Emits one event (a JSON object, compact) to a source; live streams get it at once. */
    public interface EmitEventUseCase {
        SourceEvent emit(Principal caller, SourceId id, String payloadJson);
    }

    /** Opens a stream of a source's events, resuming after {@code lastEventId} when given. */
    public interface SubscribeToSourceUseCase {
        EventStream subscribe(Principal caller, SourceId id, Optional<String> lastEventId);
    }

    /** Opens a stream of a workspace's audit events (admins and clients with {@code audit:read}). */
    public interface SubscribeToAuditUseCase {
        EventStream subscribe(Principal caller, WorkspaceId workspace, Optional<String> lastEventId);
    }
}
