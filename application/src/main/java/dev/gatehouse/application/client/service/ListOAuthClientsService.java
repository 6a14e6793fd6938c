package dev.gatehouse.application.client.service;

import dev.gatehouse.application.client.port.in.ListOAuthClientsUseCase;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;

/** Reads a workspace's OAuth clients for its admins. */
public final class ListOAuthClientsService implements ListOAuthClientsUseCase {

    private final OAuthClientRepository clients;
    private final WorkspaceAccess access;

    public ListOAuthClientsService(OAuthClientRepository clients, WorkspaceAccess access) {
        this.clients = clients;
        this.access = access;
    }

    @Override
    public List<OAuthClient> list(UserId actor, WorkspaceId workspace) {
        access.requireAdmin(actor, workspace);
        return clients.listByWorkspace(workspace);
    }

    @Override
    public OAuthClient get(UserId actor, WorkspaceId workspace, OAuthClientRecordId id) {
        access.requireAdmin(actor, workspace);
        return clients.findById(id)
                .filter(c -> c.workspaceId().equals(workspace) && c.status() != ClientStatus.DELETED)
                .orElseThrow(() -> new NotFoundException("OAuth client " + id + " not found"));
    }
}
