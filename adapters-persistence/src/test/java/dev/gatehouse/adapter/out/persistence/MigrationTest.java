package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A database that an earlier version left at V1 or V2, with rows in it, is migrated on open and keeps its rows. */
@ExtendWith(TestDatabases.CloseAfterEach.class)
class MigrationTest {

    private final TestData data = new TestData();

    @Test
    void openWhenH2AtVersion1ThenMigratesAndKeepsItsRows() {
        upgrade(TestDatabases::emptyH2);
    }

    @Test
    void openWhenPostgresAtVersion1ThenMigratesAndKeepsItsRows() {
        upgrade(TestDatabases::emptyPostgres);
    }

    @Test
    void openWhenH2AtVersion2ThenClientsAndMembershipsStayReadable() {
        upgradeFromVersion2(TestDatabases::emptyH2);
    }

    @Test
    void openWhenPostgresAtVersion2ThenClientsAndMembershipsStayReadable() {
        upgradeFromVersion2(TestDatabases::emptyPostgres);
    }

    private void upgrade(Supplier<TestDatabases.Location> locations) {
        TestDatabases.Location location = locations.get();
        location.migrateTo("1");
        Workspace workspace = data.workspace();
        User user = data.user();
        ApiKey key = TestData.revoked(data.apiKey(user.id(), T0).key(), T0.plusSeconds(5));
        Jdbi.create(location.url(), location.user(), location.password()).useTransaction(handle -> {
            JdbiWorkspaceRepository.insert(handle, workspace);
            JdbiUserRepository.insert(handle, user);
            handle.createUpdate("""
                            INSERT INTO api_keys (id, user_id, hash, created_at, revoked_at)
                            VALUES (:id, :userId, :hash, :createdAt, :revokedAt)
                            """)
                    .bind("id", key.id().value())
                    .bind("userId", key.userId().value())
                    .bind("hash", key.hash().hex())
                    .bind("createdAt", key.createdAt().toEpochMilli())
                    .bind("revokedAt", key.revokedAt().orElseThrow().toEpochMilli())
                    .execute();
            handle.createUpdate("""
                            INSERT INTO audit_events (workspace_id, type, occurred_at, details)
                            VALUES (:workspaceId, 'workspace.bootstrapped', :at, :details)
                            """)
                    .bind("workspaceId", workspace.id().value())
                    .bind("at", T0.toEpochMilli())
                    .bind("details", "{\"owner\":\"" + user.id().value() + "\"}")
                    .execute();
        });

        Database db = location.open().database();

        assertThat(db.workspaces().findById(workspace.id())).contains(workspace);
        // A key stored before V5 has no kept end: it shows as its prefix alone.
        assertThat(db.apiKeys().revokedSince(T0)).containsExactly(
                new ApiKey(key.id(), key.userId(), key.hash(), key.createdAt(), key.revokedAt()));
        assertThat(db.auditLog().after(workspace.id(), 0, 10)).singleElement()
                .extracting(RecordedAuditEvent::details).isEqualTo(Map.of("owner", user.id().value()));
        EventSource source = new EventSource(SourceId.generate(data.random()), workspace.id(), "orders", user.id(), T0);
        db.sources().add(source);
        assertThat(db.sources().append(source.id(), T0, "{}", 10).sequence()).isEqualTo(1);
    }

    /**
     * Clients written in the V2 layout read back as never changed (version 0, generation 0, no previous secret,
     * updated when created), can be updated, and are found by {@code changedSince}; older memberships are
     * listed, ahead of those made later.
     */
    private void upgradeFromVersion2(Supplier<TestDatabases.Location> locations) {
        TestDatabases.Location location = locations.get();
        location.migrateTo("2");
        Workspace workspace = data.workspace();
        User owner = data.user();
        User member = data.user();
        ProjectId project = ProjectId.generate(data.random());
        OAuthClient restricted = v2Client(workspace, ProjectAccess.only(List.of(project)), Optional.of(T0.plusSeconds(9)),
                ClientStatus.ACTIVE, T0.plusMillis(1));
        OAuthClient deleted = v2Client(workspace, ProjectAccess.all(), Optional.empty(), ClientStatus.DELETED, T0.plusMillis(2));
        Jdbi.create(location.url(), location.user(), location.password()).useTransaction(handle -> {
            JdbiWorkspaceRepository.insert(handle, workspace);
            JdbiUserRepository.insert(handle, owner);
            JdbiUserRepository.insert(handle, member);
            JdbiWorkspaceRepository.insertMembership(handle, new Membership(workspace.id(), owner.id(), Role.OWNER));
            JdbiWorkspaceRepository.insertMembership(handle, new Membership(workspace.id(), member.id(), Role.MEMBER));
            for (OAuthClient client : List.of(restricted, deleted)) {
                handle.createUpdate("""
                                INSERT INTO oauth_clients (id, workspace_id, client_id, secret_hash, name, scopes, projects,
                                                           created_at, last_used_at, status)
                                VALUES (:id, :workspaceId, :clientId, :secretHash, :name, :scopes, :projects,
                                        :createdAt, :lastUsedAt, :status)
                                """)
                        .bind("id", client.id().value())
                        .bind("workspaceId", workspace.id().value())
                        .bind("clientId", client.clientId().value())
                        .bind("secretHash", client.secretHash().hex())
                        .bind("name", client.name())
                        .bind("scopes", client.allowedScopes().toParameter())
                        .bind("projects", OAuthClientMapper.projectsColumn(client.projects()))
                        .bind("createdAt", client.createdAt().toEpochMilli())
                        .bind("lastUsedAt", client.lastUsedAt().map(Instant::toEpochMilli).orElse(null))
                        .bind("status", client.status().name())
                        .execute();
            }
        });

        Database db = location.open().database();

        OAuthClient found = db.clients().findById(restricted.id()).orElseThrow();
        assertThat(found).isEqualTo(restricted);
        assertThat(found.updatedAt()).isEqualTo(restricted.createdAt());
        assertThat(found.version()).isZero();
        assertThat(found.tokenGeneration()).isZero();
        assertThat(found.previousSecretHash()).isEmpty();
        assertThat(db.clients().findByClientId(deleted.clientId())).contains(deleted);
        assertThat(db.clients().changedSince(T0.plusMillis(2))).containsExactly(deleted);
        assertThat(db.clients().changedSince(T0)).containsExactly(restricted, deleted);

        OAuthClient renamed = found.patched(Optional.of("renamed"), Optional.empty(), Optional.empty(), T0.plusSeconds(60));
        assertThat(db.clients().update(renamed)).isTrue();
        assertThat(db.clients().findById(restricted.id())).contains(renamed);

        User later = data.addMember(TestDatabases.stores(db), workspace.id(), Role.ADMIN);
        List<Member> members = db.workspaces().members(workspace.id());
        assertThat(members).containsExactlyInAnyOrder(
                new Member(owner, Role.OWNER), new Member(member, Role.MEMBER), new Member(later, Role.ADMIN));
        assertThat(members.get(2).user()).isEqualTo(later);

        db.projects().add(new Project(project, workspace.id(), "Project", T0));
        assertThat(db.projects().delete(project)).isTrue();
        assertThat(db.clients().findById(restricted.id())).map(OAuthClient::projects)
                .contains(ProjectAccess.only(List.of()));
    }

    /** A client as a V2 server stored it: never rotated nor changed. */
    private OAuthClient v2Client(Workspace workspace, ProjectAccess projects, Optional<Instant> lastUsedAt,
                                 ClientStatus status, Instant createdAt) {
        OAuthClient registered = data.client(workspace.id(), createdAt);
        return new OAuthClient(registered.id(), workspace.id(), registered.clientId(), registered.secretHash(), "Legacy",
                ScopeSet.of("workspace:read"), projects, createdAt, lastUsedAt, status);
    }
}
