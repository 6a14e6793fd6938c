package dev.gatehouse.application.apikey.service;

import dev.gatehouse.application.apikey.port.in.RevokeApiKeyUseCase;
import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/** Replaces a user's API key with a new one in one transaction, and makes the old one fail at once. */
public final class RevokeApiKeyService implements RevokeApiKeyUseCase {

    private final ApiKeyRepository apiKeys;
    private final WorkspaceRepository workspaces;
    private final CredentialRevocations revocations;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;

    public RevokeApiKeyService(ApiKeyRepository apiKeys, WorkspaceRepository workspaces, CredentialRevocations revocations,
                               AuditLog audit, Clock clock, RandomGenerator random) {
        this.apiKeys = apiKeys;
        this.workspaces = workspaces;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public ApiKey.Issued revoke(UserId user, ApiKeyId current) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ApiKey.Issued next = ApiKey.issue(user, now, random);
        if (!apiKeys.replace(current, now, next.key())) {
            throw new InvalidCredentialException("the API key has been revoked");
        }
        // the audit events are stored before the revocation takes effect here, so that a stream that ends
        // because its key was revoked finds the revocation's own event when it sends what was recorded
        try {
            for (Workspace workspace : workspaces.findWorkspacesOf(user)) {
                audit.record(new AuditEvent.ApiKeyRevoked(workspace.id(), user, now));
            }
        } finally {
            revocations.apiKeyRevoked(current, now);
        }
        return next;
    }
}
