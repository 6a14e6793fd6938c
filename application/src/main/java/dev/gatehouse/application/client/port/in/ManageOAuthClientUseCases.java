package dev.gatehouse.application.client.port.in;

import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An admin changes, rotates or deletes an OAuth client (contract §6). */
public final class ManageOAuthClientUseCases {

    private ManageOAuthClientUseCases() {}

    /** Changes the name, scopes or projects; tokens already issued keep their grant. */
    public interface UpdateOAuthClientUseCase {
        OAuthClient update(UpdateOAuthClientCommand command);
    }

    /** Absent fields stay as they are; {@code projects} present but empty of a list means all projects. */
    public record UpdateOAuthClientCommand(Actor actor, WorkspaceId workspace, OAuthClientRecordId id, Optional<String> name,
                                           Optional<List<String>> scopes, Optional<Optional<List<String>>> projects) {
        public UpdateOAuthClientCommand {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(projects, "projects");
        }
    }

    /** Replaces the secret; the new one is returned this once. */
    public interface RotateClientSecretUseCase {
        OAuthClient.Registration rotate(RotateClientSecretCommand command);
    }

    public record RotateClientSecretCommand(Actor actor, WorkspaceId workspace, OAuthClientRecordId id, Duration gracePeriod,
                                            boolean revokeTokens) {
        public RotateClientSecretCommand {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(gracePeriod, "gracePeriod");
        }
    }

    /** Deletes the client: no more tokens, and its live tokens stop working. */
    public interface DeleteOAuthClientUseCase {
        void delete(Actor actor, WorkspaceId workspace, OAuthClientRecordId id);
    }
}
