package dev.gatehouse.application.client.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases;
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases.RotateClientSecretCommand;
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases.UpdateOAuthClientCommand;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.application.shared.ConflictException;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.shared.port.out.Transactions;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Changes to existing clients. Each is a read, a change in the domain and a conditional write on the
 * client's version; a write that lost a race is retried on the fresh state, so concurrent changes are
 * applied one after the other and none is lost. Every change is applied to this server's revocation view
 * at once and audited, the change and its audit event in one transaction.
 */
public final class ManageOAuthClientService implements ManageOAuthClientUseCases.UpdateOAuthClientUseCase,
        ManageOAuthClientUseCases.RotateClientSecretUseCase, ManageOAuthClientUseCases.DeleteOAuthClientUseCase {

    private static final int MAX_ATTEMPTS = 200;

    private final OAuthClientRepository clients;
    private final WorkspaceAccess access;
    private final ScopeCatalog catalog;
    private final CredentialRevocations revocations;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;
    private final Transactions transactions;

    public ManageOAuthClientService(OAuthClientRepository clients, WorkspaceAccess access, ScopeCatalog catalog,
                                    CredentialRevocations revocations, AuditLog audit, Clock clock, RandomGenerator random) {
        this(clients, access, catalog, revocations, audit, clock, random, Transactions.NONE);
    }

    /** With {@code transactions}, a change is never stored without its audit event, nor the event without it. */
    public ManageOAuthClientService(OAuthClientRepository clients, WorkspaceAccess access, ScopeCatalog catalog,
                                    CredentialRevocations revocations, AuditLog audit, Clock clock, RandomGenerator random,
                                    Transactions transactions) {
        this.transactions = transactions;
        this.clients = clients;
        this.access = access;
        this.catalog = catalog;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public OAuthClient update(UpdateOAuthClientCommand command) {
        access.requireAdmin(command.actor().user(), command.workspace());
        Optional<ScopeSet> scopes = command.scopes().map(values -> ClientRules.scopes(values, catalog));
        Optional<ProjectAccess> projects = command.projects().map(p -> p.map(ClientRules::projects).orElse(ProjectAccess.all()));
        command.name().ifPresent(name -> {
            if (name.isBlank()) {
                throw new InvalidInputException("name must not be empty");
            }
        });
        List<String> changed = new ArrayList<>();
        command.name().ifPresent(n -> changed.add("name"));
        scopes.ifPresent(s -> changed.add("scopes"));
        projects.ifPresent(p -> changed.add("projects"));
        return changeAndRecord(command.workspace(), command.id(), current -> {
            try {
                return current.patched(command.name(), scopes, projects, now());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }, command.actor(), "updated", "changed: " + String.join(",", changed));
    }

    @Override
    public OAuthClient.Registration rotate(RotateClientSecretCommand command) {
        access.requireAdmin(command.actor().user(), command.workspace());
        OAuthClient.Registration[] result = new OAuthClient.Registration[1];
        changeAndRecord(command.workspace(), command.id(), current -> {
            try {
                result[0] = current.rotated(command.gracePeriod(), command.revokeTokens(), now(), random);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            return result[0].client();
        }, command.actor(), "secret_rotated", "grace_period_seconds=" + command.gracePeriod().toSeconds()
                + ", revoke_tokens=" + command.revokeTokens());
        return result[0];
    }

    @Override
    public void delete(Actor actor, WorkspaceId workspace, OAuthClientRecordId id) {
        access.requireAdmin(actor.user(), workspace);
        changeAndRecord(workspace, id, current -> current.deleted(now()), actor, "deleted", "");
    }

    /**
     * Applies {@code change} and records its audit event in one transaction, then, once both are committed, tells
     * this server's revocation view (and through it the other servers).
     */
    private OAuthClient changeAndRecord(WorkspaceId workspace, OAuthClientRecordId id, Function<OAuthClient, OAuthClient> change,
                                        Actor actor, String action, String note) {
        OAuthClient changed = transactions.inTransaction(() -> {
            OAuthClient next = change(workspace, id, change);
            record(actor, next, action, note);
            return next;
        });
        revocations.clientChanged(changed);
        return changed;
    }

    private OAuthClient change(WorkspaceId workspace, OAuthClientRecordId id, Function<OAuthClient, OAuthClient> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            OAuthClient current = clients.findById(id)
                    .filter(c -> c.workspaceId().equals(workspace) && c.status() != ClientStatus.DELETED)
                    .orElseThrow(() -> new NotFoundException("OAuth client " + id + " not found"));
            OAuthClient next = change.apply(current);
            if (clients.update(next)) {
                return next;
            }
        }
        throw new ConflictException("the client is being changed by others; try again");
    }

    private void record(Actor actor, OAuthClient client, String action, String note) {
        audit.record(new AuditEvent.OAuthClientChanged(client.workspaceId(), actor.user(), actor.sourceIp(), action,
                client.clientId(), note, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
