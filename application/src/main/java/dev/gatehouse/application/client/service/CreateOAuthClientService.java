package dev.gatehouse.application.client.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.client.port.in.CreateOAuthClientCommand;
import dev.gatehouse.application.client.port.in.CreateOAuthClientUseCase;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.shared.port.out.Transactions;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.random.RandomGenerator;

/** Creates OAuth clients: checks the admin, the name, the scopes against the catalogue and the project ids. */
public final class CreateOAuthClientService implements CreateOAuthClientUseCase {

    private final OAuthClientRepository clients;
    private final WorkspaceAccess access;
    private final ScopeCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;
    private final Transactions transactions;

    public CreateOAuthClientService(OAuthClientRepository clients, WorkspaceAccess access, ScopeCatalog catalog,
                                    AuditLog audit, Clock clock, RandomGenerator random) {
        this(clients, access, catalog, audit, clock, random, Transactions.NONE);
    }

    /** With {@code transactions}, a client is never stored without its audit event, nor the event without it. */
    public CreateOAuthClientService(OAuthClientRepository clients, WorkspaceAccess access, ScopeCatalog catalog,
                                    AuditLog audit, Clock clock, RandomGenerator random, Transactions transactions) {
        this.transactions = transactions;
        this.clients = clients;
        this.access = access;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public OAuthClient.Registration create(CreateOAuthClientCommand command) {
        access.requireAdmin(command.actor(), command.workspace());
        String name = command.name();
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name is required");
        }
        ScopeSet scopes = ClientRules.scopes(command.scopes().orElse(List.of("*")), catalog);
        ProjectAccess projects = command.projects().map(ClientRules::projects).orElse(ProjectAccess.all());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OAuthClient.Registration registration;
        try {
            registration = OAuthClient.register(command.workspace(), name, scopes, projects, now, random);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        OAuthClient client = registration.client();
        transactions.inTransaction(() -> {
            clients.add(client);
            audit.record(new AuditEvent.OAuthClientCreated(client.workspaceId(), command.actor(), command.sourceIp(), client.id(),
                    client.clientId(), client.name(), now));
            return client;
        });
        return registration;
    }
}
