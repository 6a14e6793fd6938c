package dev.gatehouse.application.client.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link OAuthClientRepository} must do; subclasses supply a fresh, empty store. */
public abstract class OAuthClientRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected OAuthClientRepository clients;
    protected Workspace workspace;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        clients = stores.clients();
        workspace = addWorkspace();
    }

    @Test
    void addThenFindByIdReturnsEveryFieldOfARestrictedClient() {
        ProjectId p1 = ProjectId.generate(data.random());
        ProjectId p2 = ProjectId.generate(data.random());
        OAuthClient client = client(
                ScopeSet.of("workspace:read", "connect:proxy", "connect:actions:*", "audit:read"),
                ProjectAccess.only(List.of(p1, p2)), Optional.empty(), ClientStatus.ACTIVE);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(client);
        assertThat(found.workspaceId()).isEqualTo(workspace.id());
        assertThat(found.clientId()).isEqualTo(client.clientId());
        assertThat(found.secretHash()).isEqualTo(client.secretHash());
        assertThat(found.name()).isEqualTo("Zapier bridge – prod ✓");
        assertThat(found.allowedScopes().asStrings())
                .containsExactly("workspace:read", "connect:proxy", "connect:actions:*", "audit:read");
        assertThat(found.projects().isRestricted()).isTrue();
        assertThat(found.projects().restrictedTo().orElseThrow()).containsExactlyInAnyOrder(p1, p2);
        assertThat(found.createdAt()).isEqualTo(client.createdAt());
        assertThat(found.lastUsedAt()).isEmpty();
        assertThat(found.status()).isEqualTo(ClientStatus.ACTIVE);
    }

    @Test
    void addThenFindByIdReturnsAllProjectsAndLastUsedAt() {
        Instant lastUsed = T0.plusMillis(3_600_456L);
        OAuthClient client = client(ScopeSet.of("*"), ProjectAccess.all(), Optional.of(lastUsed), ClientStatus.ACTIVE);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(client);
        assertThat(found.projects().isRestricted()).isFalse();
        assertThat(found.lastUsedAt()).contains(lastUsed);
    }

    @Test
    void addThenFindByIdKeepsARestrictionToNoProjectsApartFromAllProjects() {
        OAuthClient client = client(ScopeSet.of("*"), ProjectAccess.only(List.of()), Optional.empty(), ClientStatus.ACTIVE);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.projects().isRestricted()).isTrue();
        assertThat(found.projects().restrictedTo().orElseThrow()).isEmpty();
    }

    @Test
    void addThenFindByIdPreservesScopeOrder() {
        List<String> order = List.of("sources:write", "connect:apps:*", "audit:read", "connect:accounts:read", "*");
        OAuthClient client = client(ScopeSet.fromStrings(order), ProjectAccess.all(), Optional.empty(), ClientStatus.ACTIVE);

        clients.add(client);

        assertThat(clients.findById(client.id()).orElseThrow().allowedScopes().asStrings()).containsExactlyElementsOf(order);
        assertThat(clients.findByClientId(client.clientId()).orElseThrow().allowedScopes().asStrings())
                .containsExactlyElementsOf(order);
    }

    @ParameterizedTest
    @EnumSource(ClientStatus.class)
    void addThenFindByIdReturnsStatus(ClientStatus status) {
        OAuthClient client = TestData.withStatus(data.client(workspace.id()), status);

        clients.add(client);

        assertThat(clients.findById(client.id())).map(OAuthClient::status).contains(status);
    }

    @Test
    void findByClientIdReturnsTheClient() {
        OAuthClient client = data.client(workspace.id());
        OAuthClient other = data.client(workspace.id());
        clients.add(client);
        clients.add(other);

        assertThat(clients.findByClientId(client.clientId())).contains(client);
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        clients.add(data.client(workspace.id()));

        assertThat(clients.findById(OAuthClientRecordId.generate(data.random()))).isEmpty();
    }

    @Test
    void findByClientIdWhenUnknownThenEmpty() {
        clients.add(data.client(workspace.id()));

        assertThat(clients.findByClientId(new ClientId(CredentialKind.CLIENT_ID.generate(data.random())))).isEmpty();
    }

    @Test
    void addWhenIdTakenThenRejectedAndFirstKept() {
        OAuthClient first = data.client(workspace.id());
        clients.add(first);
        OAuthClient fresh = data.client(workspace.id());
        OAuthClient sameId = new OAuthClient(first.id(), workspace.id(), fresh.clientId(), fresh.secretHash(), "other",
                fresh.allowedScopes(), fresh.projects(), fresh.createdAt(), Optional.empty(), ClientStatus.ACTIVE);

        assertThatThrownBy(() -> clients.add(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(clients.findById(first.id())).contains(first);
        assertThat(clients.findByClientId(fresh.clientId())).isEmpty();
    }

    @Test
    void addWhenClientIdTakenThenRejectedAndFirstKept() {
        OAuthClient first = data.client(workspace.id());
        clients.add(first);
        OAuthClient fresh = data.client(workspace.id());
        OAuthClient sameClientId = new OAuthClient(fresh.id(), workspace.id(), first.clientId(), fresh.secretHash(), "other",
                fresh.allowedScopes(), fresh.projects(), fresh.createdAt(), Optional.empty(), ClientStatus.ACTIVE);

        assertThatThrownBy(() -> clients.add(sameClientId)).isInstanceOf(RuntimeException.class);
        assertThat(clients.findByClientId(first.clientId())).contains(first);
        assertThat(clients.findById(fresh.id())).isEmpty();
    }

    @Test
    void listByWorkspaceReturnsLiveClientsOldestFirst() {
        OAuthClient newest = data.client(workspace.id(), T0.plus(Duration.ofDays(2)));
        OAuthClient oldest = data.client(workspace.id(), T0);
        OAuthClient disabled = TestData.withStatus(data.client(workspace.id(), T0.plus(Duration.ofDays(1))), ClientStatus.DISABLED);
        clients.add(newest);
        clients.add(oldest);
        clients.add(disabled);

        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(oldest, disabled, newest);
    }

    @Test
    void listByWorkspaceLeavesOutDeletedClients() {
        OAuthClient live = data.client(workspace.id(), T0);
        OAuthClient deleted = TestData.withStatus(data.client(workspace.id(), T0.minusSeconds(1)), ClientStatus.DELETED);
        clients.add(live);
        clients.add(deleted);

        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(live);
    }

    @Test
    void listByWorkspaceLeavesOutOtherWorkspacesClients() {
        Workspace other = addWorkspace();
        OAuthClient mine = data.client(workspace.id());
        clients.add(mine);
        clients.add(data.client(other.id()));

        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(mine);
    }

    @Test
    void listByWorkspaceWhenNoClientsThenEmpty() {
        Workspace other = addWorkspace();
        clients.add(data.client(other.id()));

        assertThat(clients.listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void deletedClientIsStillFoundByIdAndClientId() {
        OAuthClient deleted = TestData.withStatus(data.client(workspace.id()), ClientStatus.DELETED);
        clients.add(deleted);

        assertThat(clients.findById(deleted.id())).contains(deleted);
        assertThat(clients.findByClientId(deleted.clientId())).contains(deleted);
    }

    @Test
    void markUsedSetsLastUsedAt() {
        OAuthClient client = data.client(workspace.id());
        clients.add(client);
        Instant when = T0.plusMillis(90_001L);

        clients.markUsed(client.id(), when);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.lastUsedAt()).contains(when);
        assertThat(found).isEqualTo(client.usedAt(when));
        assertThat(clients.findByClientId(client.clientId())).map(OAuthClient::lastUsedAt).contains(Optional.of(when));
    }

    @Test
    void markUsedAgainReplacesLastUsedAt() {
        OAuthClient client = data.client(workspace.id());
        clients.add(client);
        clients.markUsed(client.id(), T0.plusSeconds(10));

        clients.markUsed(client.id(), T0.plusSeconds(20));

        assertThat(clients.findById(client.id()).orElseThrow().lastUsedAt()).contains(T0.plusSeconds(20));
    }

    @Test
    void markUsedLeavesOtherClientsUntouched() {
        OAuthClient used = data.client(workspace.id());
        OAuthClient untouched = data.client(workspace.id());
        clients.add(used);
        clients.add(untouched);

        clients.markUsed(used.id(), T0.plusSeconds(10));

        assertThat(clients.findById(untouched.id())).contains(untouched);
    }

    @Test
    void addThenFindByIdReturnsThePreviousSecretGenerationVersionAndChangeTime() {
        OAuthClient registered = data.client(workspace.id(), T0);
        SecretHash previous = SecretHash.of(CredentialKind.CLIENT_SECRET.generate(data.random()));
        OAuthClient client = new OAuthClient(registered.id(), workspace.id(), registered.clientId(), registered.secretHash(),
                Optional.of(previous), Optional.of(T0.plusMillis(7_200_001L)), "rotated before", ScopeSet.of("*"),
                ProjectAccess.all(), T0, Optional.empty(), ClientStatus.ACTIVE, 4, 17, T0.plusMillis(3_600_002L));

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(client);
        assertThat(found.previousSecretHash()).contains(previous);
        assertThat(found.previousSecretExpiresAt()).contains(T0.plusMillis(7_200_001L));
        assertThat(found.tokenGeneration()).isEqualTo(4);
        assertThat(found.version()).isEqualTo(17);
        assertThat(found.updatedAt()).isEqualTo(T0.plusMillis(3_600_002L));
    }

    @Test
    void addOfANewClientStoresVersionZeroAndItsCreationAsItsChangeTime() {
        OAuthClient client = data.client(workspace.id(), T0);

        clients.add(client);

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.version()).isZero();
        assertThat(found.tokenGeneration()).isZero();
        assertThat(found.updatedAt()).isEqualTo(T0);
        assertThat(found.previousSecretHash()).isEmpty();
        assertThat(found.previousSecretExpiresAt()).isEmpty();
    }

    @Test
    void updateWritesEveryFieldButLastUsedAt() {
        OAuthClient stored = client(ScopeSet.of("*"), ProjectAccess.all(), Optional.empty(), ClientStatus.ACTIVE);
        clients.add(stored);
        Instant used = T0.plusMillis(60_001L);
        clients.markUsed(stored.id(), used);
        ProjectId p1 = ProjectId.generate(data.random());
        SecretHash next = SecretHash.of(CredentialKind.CLIENT_SECRET.generate(data.random()));
        Instant changedAt = T0.plusMillis(120_002L);
        OAuthClient changed = new OAuthClient(stored.id(), workspace.id(), stored.clientId(), next,
                Optional.of(stored.secretHash()), Optional.of(changedAt.plus(Duration.ofHours(1))), "renamed ✓",
                ScopeSet.of("audit:read", "workspace:read"), ProjectAccess.only(List.of(p1)), stored.createdAt(),
                Optional.of(T0.plus(Duration.ofDays(3))), ClientStatus.DISABLED, 3, 1, changedAt);

        assertThat(clients.update(changed)).isTrue();

        OAuthClient found = clients.findById(stored.id()).orElseThrow();
        assertThat(found).isEqualTo(withLastUsedAt(changed, Optional.of(used)));
        assertThat(found.secretHash()).isEqualTo(next);
        assertThat(found.previousSecretHash()).contains(stored.secretHash());
        assertThat(found.previousSecretExpiresAt()).contains(changedAt.plus(Duration.ofHours(1)));
        assertThat(found.name()).isEqualTo("renamed ✓");
        assertThat(found.allowedScopes().asStrings()).containsExactly("audit:read", "workspace:read");
        assertThat(found.projects().restrictedTo().orElseThrow()).containsExactly(p1);
        assertThat(found.status()).isEqualTo(ClientStatus.DISABLED);
        assertThat(found.tokenGeneration()).isEqualTo(3);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.updatedAt()).isEqualTo(changedAt);
        assertThat(found.lastUsedAt()).as("update never writes last_used_at").contains(used);
        assertThat(clients.findByClientId(stored.clientId())).contains(found);
    }

    @Test
    void updateOfARotationWithGraceRoundTripsThePreviousSecretAndItsExpiry() {
        OAuthClient.Registration registration = data.registration(workspace.id(), T0, "*");
        clients.add(registration.client());
        Instant now = T0.plusMillis(5_005L);

        OAuthClient.Registration rotated = registration.client().rotated(Duration.ofMinutes(10), true, now, data.random());
        assertThat(clients.update(rotated.client())).isTrue();

        OAuthClient found = clients.findById(registration.client().id()).orElseThrow();
        assertThat(found).isEqualTo(rotated.client());
        assertThat(found.previousSecretExpiresAt()).contains(now.plus(Duration.ofMinutes(10)));
        assertThat(found.secretMatches(rotated.secret().value(), now)).isTrue();
        assertThat(found.secretMatches(registration.secret().value(), now.plus(Duration.ofMinutes(10)).minusMillis(1))).isTrue();
        assertThat(found.secretMatches(registration.secret().value(), now.plus(Duration.ofMinutes(10)))).isFalse();
        assertThat(found.tokenGeneration()).isEqualTo(1);
    }

    @Test
    void updateCanClearThePreviousSecret() {
        OAuthClient.Registration registration = data.registration(workspace.id(), T0, "*");
        clients.add(registration.client());
        OAuthClient withGrace = registration.client().rotated(Duration.ofHours(1), false, T0.plusSeconds(1), data.random())
                .client();
        assertThat(clients.update(withGrace)).isTrue();

        OAuthClient withoutGrace = withGrace.rotated(Duration.ZERO, false, T0.plusSeconds(2), data.random()).client();
        assertThat(clients.update(withoutGrace)).isTrue();

        OAuthClient found = clients.findById(registration.client().id()).orElseThrow();
        assertThat(found).isEqualTo(withoutGrace);
        assertThat(found.previousSecretHash()).isEmpty();
        assertThat(found.previousSecretExpiresAt()).isEmpty();
        assertThat(found.version()).isEqualTo(2);
    }

    @Test
    void updateOneAfterAnotherEachFromTheVersionBefore() {
        OAuthClient client = data.client(workspace.id(), T0);
        clients.add(client);
        OAuthClient current = client;

        for (int i = 1; i <= 5; i++) {
            OAuthClient next = current.patched(Optional.of("name " + i), Optional.empty(), Optional.empty(), T0.plusSeconds(i));
            assertThat(clients.update(next)).as("update to version %d", i).isTrue();
            current = next;
        }

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(5);
        assertThat(found.name()).isEqualTo("name 5");
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void updateWhenStoredVersionIsNotTheOneBeforeThenFalseAndNothingChanges() {
        OAuthClient client = data.client(workspace.id(), T0);
        clients.add(client);
        OAuthClient skipping = withVersion(client.patched(Optional.of("skipping"), Optional.empty(), Optional.empty(),
                T0.plusSeconds(1)), 2);
        OAuthClient sameVersion = withVersion(client.patched(Optional.of("same"), Optional.empty(), Optional.empty(),
                T0.plusSeconds(1)), 0);

        assertThat(clients.update(skipping)).isFalse();
        assertThat(clients.update(sameVersion)).isFalse();

        assertThat(clients.findById(client.id())).contains(client);
        assertThat(clients.changedSince(T0.plusMillis(1))).isEmpty();
    }

    @Test
    void updateWhenTwoChangesStartFromTheSameVersionThenOnlyTheFirstIsWritten() {
        OAuthClient client = data.client(workspace.id(), T0);
        clients.add(client);
        OAuthClient first = client.patched(Optional.of("first"), Optional.empty(), Optional.empty(), T0.plusSeconds(1));
        OAuthClient second = client.rotated(Duration.ZERO, true, T0.plusSeconds(2), data.random()).client();

        assertThat(clients.update(first)).isTrue();
        assertThat(clients.update(second)).as("a stale change").isFalse();

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(first);
        assertThat(found.secretHash()).isEqualTo(client.secretHash());
        assertThat(found.tokenGeneration()).isZero();
    }

    @Test
    void updateWhenClientUnknownThenFalseAndNothingStored() {
        OAuthClient unknown = data.client(workspace.id(), T0);
        OAuthClient next = unknown.patched(Optional.of("x"), Optional.empty(), Optional.empty(), T0.plusSeconds(1));

        assertThat(clients.update(next)).isFalse();

        assertThat(clients.findById(unknown.id())).isEmpty();
        assertThat(clients.findByClientId(unknown.clientId())).isEmpty();
        assertThat(clients.listByWorkspace(workspace.id())).isEmpty();
    }

    @Test
    void updateToDeletedLeavesATombstoneFoundByIdButNotListed() {
        OAuthClient client = data.client(workspace.id(), T0);
        OAuthClient kept = data.client(workspace.id(), T0.plusSeconds(1));
        clients.add(client);
        clients.add(kept);
        OAuthClient deleted = client.deleted(T0.plusSeconds(5));

        assertThat(clients.update(deleted)).isTrue();

        assertThat(clients.findById(client.id())).contains(deleted);
        assertThat(clients.findByClientId(client.clientId())).map(OAuthClient::status).contains(ClientStatus.DELETED);
        assertThat(clients.listByWorkspace(workspace.id())).containsExactly(kept);
    }

    @Test
    void updateLeavesOtherClientsAlone() {
        OAuthClient changed = data.client(workspace.id(), T0);
        OAuthClient untouched = data.client(workspace.id(), T0);
        clients.add(changed);
        clients.add(untouched);

        clients.update(changed.rotated(Duration.ofHours(1), true, T0.plusSeconds(1), data.random()).client());

        assertThat(clients.findById(untouched.id())).contains(untouched);
    }

    @Test
    void markUsedLeavesVersionAndChangeTimeAlone() {
        OAuthClient client = data.client(workspace.id(), T0);
        clients.add(client);
        OAuthClient changed = client.patched(Optional.of("changed"), Optional.empty(), Optional.empty(), T0.plusSeconds(10));
        clients.update(changed);

        clients.markUsed(client.id(), T0.plusSeconds(20));

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found).isEqualTo(changed.usedAt(T0.plusSeconds(20)));
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(clients.changedSince(T0.plusSeconds(11))).isEmpty();
    }

    @Test
    void markUsedThenUpdateFromTheSameVersionStillSucceeds() {
        OAuthClient client = data.client(workspace.id(), T0);
        clients.add(client);
        clients.markUsed(client.id(), T0.plusSeconds(5));

        assertThat(clients.update(client.patched(Optional.of("after use"), Optional.empty(), Optional.empty(),
                T0.plusSeconds(6)))).isTrue();

        OAuthClient found = clients.findById(client.id()).orElseThrow();
        assertThat(found.name()).isEqualTo("after use");
        assertThat(found.lastUsedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void changedSinceReturnsTheClientsChangedAtOrAfterSinceDeletedOnesIncluded() {
        Workspace other = addWorkspace();
        OAuthClient unchanged = data.client(workspace.id(), T0);
        OAuthClient updated = data.client(workspace.id(), T0);
        OAuthClient deleted = data.client(other.id(), T0);
        clients.add(unchanged);
        clients.add(updated);
        clients.add(deleted);
        Instant updatedAt = T0.plusMillis(10_001L);
        Instant deletedAt = T0.plusMillis(20_002L);
        OAuthClient updatedNext = updated.patched(Optional.of("updated"), Optional.empty(), Optional.empty(), updatedAt);
        OAuthClient deletedNext = deleted.deleted(deletedAt);
        clients.update(updatedNext);
        clients.update(deletedNext);

        assertThat(clients.changedSince(T0)).containsExactlyInAnyOrder(unchanged, updatedNext, deletedNext);
        assertThat(clients.changedSince(T0.plusMillis(1))).containsExactlyInAnyOrder(updatedNext, deletedNext);
        assertThat(clients.changedSince(updatedAt)).as("at the change time").containsExactlyInAnyOrder(updatedNext, deletedNext);
        assertThat(clients.changedSince(updatedAt.plusMillis(1))).containsExactly(deletedNext);
        assertThat(clients.changedSince(deletedAt)).containsExactly(deletedNext);
        assertThat(clients.changedSince(deletedAt.plusMillis(1))).isEmpty();
    }

    @Test
    void refusingTokensChangedSinceReturnsOnlyDeletedAndRevokingClients() {
        OAuthClient fresh = data.client(workspace.id(), T0);
        OAuthClient patched = data.client(workspace.id(), T0);
        OAuthClient revoking = data.client(workspace.id(), T0);
        OAuthClient rotated = data.client(workspace.id(), T0);
        OAuthClient deleted = data.client(workspace.id(), T0);
        List.of(fresh, patched, revoking, rotated, deleted).forEach(clients::add);
        Instant later = T0.plusSeconds(10);
        OAuthClient patchedNext = patched.patched(Optional.of("renamed"), Optional.empty(), Optional.empty(), later);
        OAuthClient revokingNext = revoking.rotated(Duration.ZERO, true, later, data.random()).client();
        OAuthClient rotatedNext = rotated.rotated(Duration.ZERO, false, later, data.random()).client();
        OAuthClient deletedNext = deleted.deleted(later.plusSeconds(1));
        List.of(patchedNext, revokingNext, rotatedNext, deletedNext).forEach(clients::update);

        assertThat(clients.refusingTokensChangedSince(T0)).containsExactlyInAnyOrder(revokingNext, deletedNext);
        assertThat(clients.refusingTokensChangedSince(later.plusMillis(1))).containsExactly(deletedNext);
        assertThat(clients.refusingTokensChangedSince(later.plusSeconds(2))).isEmpty();
    }

    @Test
    void changedSinceReturnsANewClientFromItsCreation() {
        OAuthClient client = data.client(workspace.id(), T0.plusSeconds(30));
        clients.add(client);

        assertThat(clients.changedSince(T0.plusSeconds(30))).containsExactly(client);
        assertThat(clients.changedSince(T0.plusSeconds(30).plusMillis(1))).isEmpty();
    }

    @Test
    void changedSinceWhenNoClientsThenEmpty() {
        assertThat(clients.changedSince(Instant.EPOCH)).isEmpty();
    }

    private OAuthClient client(ScopeSet scopes, ProjectAccess projects, Optional<Instant> lastUsedAt, ClientStatus status) {
        OAuthClient registered = data.client(workspace.id(), T0);
        return new OAuthClient(registered.id(), workspace.id(), registered.clientId(),
                SecretHash.of(CredentialKind.CLIENT_SECRET.generate(data.random())), "Zapier bridge – prod ✓",
                scopes, projects, T0.plusMillis(1), lastUsedAt, status);
    }

    private static OAuthClient withLastUsedAt(OAuthClient c, Optional<Instant> lastUsedAt) {
        return new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), c.previousSecretHash(),
                c.previousSecretExpiresAt(), c.name(), c.allowedScopes(), c.projects(), c.createdAt(), lastUsedAt, c.status(),
                c.tokenGeneration(), c.version(), c.updatedAt());
    }

    private static OAuthClient withVersion(OAuthClient c, long version) {
        return new OAuthClient(c.id(), c.workspaceId(), c.clientId(), c.secretHash(), c.previousSecretHash(),
                c.previousSecretExpiresAt(), c.name(), c.allowedScopes(), c.projects(), c.createdAt(), c.lastUsedAt(),
                c.status(), c.tokenGeneration(), version, c.updatedAt());
    }

    private Workspace addWorkspace() {
        Workspace added = data.workspace();
        stores.workspaces().add(added);
        return added;
    }
}
