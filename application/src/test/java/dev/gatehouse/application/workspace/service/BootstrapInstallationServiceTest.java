package dev.gatehouse.application.workspace.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.FakeAccessTokenVerifier;
import dev.gatehouse.application.testing.FakePasswordHasher;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.workspace.port.in.BootstrapCredentials;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.Optional;
import java.util.SplittableRandom;
import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BootstrapInstallationServiceTest {

    private final MutableClock clock = new MutableClock(T0.plusNanos(456_789));
    private final FakePasswordHasher passwords = new FakePasswordHasher();
    private Stores stores;
    private InMemoryAuditLog audit;
    private BootstrapInstallationService service;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        service = new BootstrapInstallationService(stores.installations(), passwords, audit, clock, new SplittableRandom(5));
    }

    @Test
    void bootstrapIfEmptyWhenInstalledThenHashesNoPassword() {
        service.bootstrapIfEmpty().orElseThrow();
        AtomicInteger hashes = new AtomicInteger();
        PasswordHasher counting = new PasswordHasher() {
            @Override
            public String hash(String password) {
                hashes.incrementAndGet();
                return passwords.hash(password);
            }

            @Override
            public boolean matches(String password, String encodedHash) {
                return passwords.matches(password, encodedHash);
            }
        };
        BootstrapInstallationService later = new BootstrapInstallationService(stores.installations(), counting, audit, clock,
                new SplittableRandom(6));

        assertThat(later.bootstrapIfEmpty()).isEmpty();
        assertThat(hashes).hasValue(0);
    }

    @Test
    void bootstrapIfEmptyWhenEmptyThenCreatesWorkspaceAndOwner() {
        BootstrapCredentials credentials = service.bootstrapIfEmpty().orElseThrow();

        Workspace workspace = stores.workspaces().findById(credentials.workspaceId()).orElseThrow();
        User owner = stores.users().findById(credentials.userId()).orElseThrow();
        assertThat(workspace.createdAt()).isEqualTo(T0);
        assertThat(owner.email()).isEqualTo(credentials.email()).isEqualTo(BootstrapInstallationService.OWNER_EMAIL);
        assertThat(owner.createdAt()).isEqualTo(T0);
        assertThat(stores.workspaces().findMembership(workspace.id(), owner.id()))
                .contains(new Membership(workspace.id(), owner.id(), Role.OWNER));
        assertThat(stores.workspaces().findWorkspacesOf(owner.id())).containsExactly(workspace);
    }

    @Test
    void bootstrapIfEmptyReturnsAnApiKeyThatAuthenticatesTheOwner() {
        BootstrapCredentials credentials = service.bootstrapIfEmpty().orElseThrow();
        AuthenticateBearerService bearer = new AuthenticateBearerService(stores.apiKeys(),
                new FakeAccessTokenVerifier(new FakeAccessTokenSigner()), stores.clients(),
                new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock), clock, 100);

        Principal principal = bearer.authenticate(credentials.apiKey().value());

        assertThat(credentials.apiKey().kind()).isEqualTo(CredentialKind.API_KEY);
        assertThat(principal).isInstanceOfSatisfying(Principal.User.class,
                user -> assertThat(user.userId()).isEqualTo(credentials.userId()));
        assertThat(stores.apiKeys().findLiveByUser(credentials.userId())).isPresent();
    }

    @Test
    void bootstrapIfEmptyStoresThePasswordHashedOnly() {
        BootstrapCredentials credentials = service.bootstrapIfEmpty().orElseThrow();

        User owner = stores.users().findById(credentials.userId()).orElseThrow();

        assertThat(credentials.password()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(owner.passwordHash()).doesNotContain(credentials.password());
        assertThat(passwords.matches(credentials.password(), owner.passwordHash())).isTrue();
        assertThat(passwords.matches(credentials.password() + "x", owner.passwordHash())).isFalse();
    }

    @Test
    void bootstrapIfEmptyRecordsAnAuditEvent() {
        BootstrapCredentials credentials = service.bootstrapIfEmpty().orElseThrow();

        assertThat(audit.events()).containsExactly(
                new AuditEvent.WorkspaceBootstrapped(credentials.workspaceId(), credentials.userId(), T0));
    }

    @Test
    void bootstrapIfEmptyWhenAlreadyInstalledThenEmptyAndNothingChanges() {
        BootstrapCredentials first = service.bootstrapIfEmpty().orElseThrow();

        Optional<BootstrapCredentials> second = service.bootstrapIfEmpty();

        assertThat(second).isEmpty();
        assertThat(audit.events()).hasSize(1);
        assertThat(stores.users().findByEmail(BootstrapInstallationService.OWNER_EMAIL).map(User::id)).contains(first.userId());
        assertThat(stores.apiKeys().findByHash(first.apiKey().hash())).isPresent();
        assertThat(stores.workspaces().findWorkspacesOf(first.userId())).hasSize(1);
    }

    @Test
    void bootstrapCredentialsToStringHidesTheSecrets() {
        BootstrapCredentials credentials = service.bootstrapIfEmpty().orElseThrow();

        assertThat(credentials.toString())
                .doesNotContain(credentials.password())
                .doesNotContain(credentials.apiKey().value())
                .contains(credentials.workspaceId().value());
    }
}
