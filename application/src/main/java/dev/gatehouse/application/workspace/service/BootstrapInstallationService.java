package dev.gatehouse.application.workspace.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.workspace.port.in.BootstrapCredentials;
import dev.gatehouse.application.workspace.port.in.BootstrapInstallationUseCase;
import dev.gatehouse.application.workspace.port.out.InstallationRepository;
import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The first start: one workspace, its owner, and the owner's API key and console password. */
public final class BootstrapInstallationService implements BootstrapInstallationUseCase {

    public static final String OWNER_EMAIL = "owner@gatehouse.local";
    private static final int PASSWORD_LENGTH = 24;

    private final InstallationRepository installations;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;

    public BootstrapInstallationService(InstallationRepository installations, PasswordHasher passwords, AuditLog audit,
                                        Clock clock, RandomGenerator random) {
        this.installations = installations;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Optional<BootstrapCredentials> bootstrapIfEmpty() {
        if (installations.isInstalled()) {
            // Every later start: no password to hash (the slow hash costs most of a second).
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Workspace workspace = new Workspace(WorkspaceId.generate(random), "default", "Default workspace", OWNER_EMAIL, now);
        String password = Base62.random(random, PASSWORD_LENGTH);
        User owner = new User(UserId.generate(random), OWNER_EMAIL, "owner", passwords.hash(password), now);
        ApiKey.Issued key = ApiKey.issue(owner.id(), now, random);
        boolean installed = installations.installIfEmpty(new InstallationRepository.Installation(
                workspace, owner, new Membership(workspace.id(), owner.id(), Role.OWNER), key.key()));
        if (!installed) {
            return Optional.empty();
        }
        audit.record(new AuditEvent.WorkspaceBootstrapped(workspace.id(), owner.id(), now));
        return Optional.of(new BootstrapCredentials(workspace.id(), owner.id(), owner.email(), password, key.plaintext()));
    }
}
