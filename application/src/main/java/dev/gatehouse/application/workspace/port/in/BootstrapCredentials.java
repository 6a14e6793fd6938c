package dev.gatehouse.application.workspace.port.in;

import dev.gatehouse.domain.credential.PlainCredential;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;

/** What the first start made, with the owner's password and API key in clear, to be shown once. */
public record BootstrapCredentials(WorkspaceId workspaceId, UserId userId, String email, String password, PlainCredential apiKey) {
    @Override
    public String toString() {
        return "BootstrapCredentials[" + workspaceId + ", " + userId + ", " + email + ", secrets redacted]";
    }
}
