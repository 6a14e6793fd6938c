package dev.gatehouse.application.client.port.in;

import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;

/** An admin reads the workspace's OAuth clients (never their secrets). */
public interface ListOAuthClientsUseCase {

    List<OAuthClient> list(UserId actor, WorkspaceId workspace);

    OAuthClient get(UserId actor, WorkspaceId workspace, OAuthClientRecordId id);
}
