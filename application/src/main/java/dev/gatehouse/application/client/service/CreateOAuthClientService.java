package dev.gatehouse.application.client.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.client.port.in.CreateOAuthClientCommand;
import dev.gatehouse.application.client.port.in.CreateOAuthClientUseCase;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Creates OAuth clients: checks the admin, the name, the scopes against the catalogue and the project ids. */
public final class CreateOAuthClientService implements CreateOAuthClientUseCase {

    private static final int MAX_PROJECTS = 1000;

    private final OAuthClientRepository clients;
    private final WorkspaceAccess access;
    private final ScopeCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;

    public CreateOAuthClientService(OAuthClientRepository clients, WorkspaceAccess access, ScopeCatalog catalog,
                                    AuditLog audit, Clock clock, RandomGenerator random) {
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
        ScopeSet scopes = scopes(command.scopes().orElse(List.of("*")));
        ProjectAccess projects = command.projects().map(CreateOAuthClientService::projects).orElse(ProjectAccess.all());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OAuthClient.Registration registration;
        try {
            registration = OAuthClient.register(command.workspace(), name, scopes, projects, now, random);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        clients.add(registration.client());
        OAuthClient client = registration.client();
        audit.record(new AuditEvent.OAuthClientCreated(client.workspaceId(), command.actor(), client.id(),
                client.clientId(), client.name(), now));
        return registration;
    }

    private ScopeSet scopes(List<String> values) {
        if (values.isEmpty()) {
            throw new InvalidInputException("scopes must name at least one scope");
        }
        ScopeSet scopes;
        try {
            scopes = ScopeSet.fromStrings(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("malformed scope: " + e.getMessage());
        }
        ScopeSet unknown = catalog.unknown(scopes);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown scope: " + unknown.toParameter());
        }
        return scopes;
    }

    private static ProjectAccess projects(List<String> values) {
        if (values.size() > MAX_PROJECTS) {
            throw new InvalidInputException("at most " + MAX_PROJECTS + " projects");
        }
        List<ProjectId> ids = new ArrayList<>();
        for (String value : values) {
            if (!ProjectId.isValid(value)) {
                throw new InvalidInputException("projects must be project ids of the form proj_<base62>");
            }
            ids.add(new ProjectId(value));
        }
        return ProjectAccess.only(ids);
    }
}
