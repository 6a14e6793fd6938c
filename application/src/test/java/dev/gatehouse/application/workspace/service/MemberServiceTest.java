package dev.gatehouse.application.workspace.service;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.application.shared.ConflictException;
import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.testing.FakeAccessTokenSigner;
import dev.gatehouse.application.testing.FakeAccessTokenVerifier;
import dev.gatehouse.application.testing.FakePasswordHasher;
import dev.gatehouse.application.testing.InMemoryAuditLog;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.workspace.port.in.MemberUseCases.AddedMember;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberServiceTest {

    private static final String SOURCE_IP = "198.51.100.23";

    private final TestData data = new TestData(new SplittableRandom(12));
    private final MutableClock clock = new MutableClock(T0.plusNanos(999_999));
    private final FakePasswordHasher passwords = new FakePasswordHasher();
    private Stores stores;
    private InMemoryAuditLog audit;
    private MemberService service;
    private RecentMemberships memberships;
    private GetWorkspaceService reads;
    private AuthenticateBearerService bearer;
    private Workspace workspace;
    private User owner;
    private User admin;
    private User member;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        audit = (InMemoryAuditLog) stores.audit();
        memberships = new RecentMemberships(stores.workspaces(), clock);
        service = new MemberService(stores.workspaces(), stores.users(), passwords, audit, clock, data.random(), memberships);
        reads = new GetWorkspaceService(stores.workspaces(), memberships);
        CredentialRevocations revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(),
                clock);
        bearer = new AuthenticateBearerService(stores.apiKeys(), new FakeAccessTokenVerifier(new FakeAccessTokenSigner()),
                stores.clients(), revocations, clock, 100);
        workspace = data.addWorkspace(stores);
        owner = data.addMember(stores, workspace.id(), Role.OWNER);
        admin = data.addMember(stores, workspace.id(), Role.ADMIN);
        member = data.addMember(stores, workspace.id(), Role.MEMBER);
    }

    // list

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"OWNER", "ADMIN"})
    void listReturnsTheMembersInJoinOrderToAnAdministrator(Role role) {
        User caller = role == Role.OWNER ? owner : admin;

        assertThat(service.list(actor(caller), workspace.id())).containsExactly(new Member(owner, Role.OWNER),
                new Member(admin, Role.ADMIN), new Member(member, Role.MEMBER));
    }

    @Test
    void listWhenCallerIsAMemberThenForbidden() {
        assertThatThrownBy(() -> service.list(actor(member), workspace.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void listWhenCallerIsAnOutsiderThenNotFound() {
        assertThatThrownBy(() -> service.list(actor(outsider()), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    // add

    @Test
    void addWhenTheEmailIsNewThenCreatesTheUserAndReturnsTheirKeyAndPasswordOnce() {
        AddedMember added = service.add(actor(admin), workspace.id(), "New.Person@Example.com", Role.MEMBER);

        User user = added.member().user();
        assertThat(added.member().role()).isEqualTo(Role.MEMBER);
        assertThat(user.email()).isEqualTo("New.Person@Example.com");
        assertThat(user.username()).isEqualTo("new.person");
        assertThat(user.createdAt()).isEqualTo(T0);
        assertThat(stores.users().findById(user.id())).contains(user);
        assertThat(stores.workspaces().findMembership(workspace.id(), user.id()))
                .contains(new Membership(workspace.id(), user.id(), Role.MEMBER));
        String password = added.password().orElseThrow();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(passwords.matches(password, user.passwordHash())).isTrue();
        assertThat(user.passwordHash()).doesNotContain(password);
        assertThat(added.apiKey().orElseThrow().kind()).isEqualTo(CredentialKind.API_KEY);
        assertThat(added.toString()).doesNotContain(password).doesNotContain(added.apiKey().get().value());
    }

    @Test
    void addWhenTheEmailIsNewThenTheReturnedKeyAuthenticatesTheNewUser() {
        AddedMember added = service.add(actor(admin), workspace.id(), "keyholder@example.com", Role.ADMIN);

        Principal principal = bearer.authenticate(added.apiKey().orElseThrow().value());

        assertThat(principal).isInstanceOfSatisfying(Principal.User.class,
                user -> assertThat(user.userId()).isEqualTo(added.member().user().id()));
        ApiKey stored = stores.apiKeys().findLiveByUser(added.member().user().id()).orElseThrow();
        assertThat(((Principal.User) principal).apiKeyId()).isEqualTo(stored.id());
    }

    @Test
    void addWhenTheUserExistsThenMakesThemAMemberWithoutANewKeyOrPassword() {
        Workspace other = data.addWorkspace(stores);
        User existing = data.addMember(stores, other.id(), Role.OWNER);
        ApiKey existingKey = data.apiKey(existing.id(), T0).key();
        stores.apiKeys().save(existingKey);

        AddedMember added = service.add(actor(admin), workspace.id(), existing.email(), Role.ADMIN);

        assertThat(added.member()).isEqualTo(new Member(existing, Role.ADMIN));
        assertThat(added.apiKey()).isEmpty();
        assertThat(added.password()).isEmpty();
        assertThat(stores.users().findById(existing.id())).contains(existing);
        assertThat(stores.apiKeys().findLiveByUser(existing.id())).contains(existingKey);
        assertThat(stores.workspaces().findMembership(workspace.id(), existing.id()))
                .contains(new Membership(workspace.id(), existing.id(), Role.ADMIN));
        assertThat(stores.workspaces().findMembership(other.id(), existing.id()))
                .contains(new Membership(other.id(), existing.id(), Role.OWNER));
    }

    @Test
    void addFindsAnExistingUserWhateverTheCaseOfTheEmail() {
        User existing = data.addUser(stores);

        AddedMember added = service.add(actor(admin), workspace.id(), existing.email().toUpperCase(), Role.MEMBER);

        assertThat(added.member().user()).isEqualTo(existing);
        assertThat(added.apiKey()).isEmpty();
    }

    @Test
    void addWhenAlreadyAMemberThenConflictAndNothingChanges() {
        assertThatThrownBy(() -> service.add(actor(admin), workspace.id(), member.email(), Role.ADMIN))
                .isInstanceOf(ConflictException.class);

        assertThat(stores.workspaces().findMembership(workspace.id(), member.id()))
                .contains(new Membership(workspace.id(), member.id(), Role.MEMBER));
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void addWhenTheOwnerRoleIsAskedThenInvalidInputAndNothingStored() {
        assertThatThrownBy(() -> service.add(actor(owner), workspace.id(), "would-be-owner@example.com", Role.OWNER))
                .isInstanceOf(InvalidInputException.class);

        assertThat(stores.users().findByEmail("would-be-owner@example.com")).isEmpty();
        assertThat(stores.workspaces().members(workspace.id())).hasSize(3);
        assertThat(audit.events()).isEmpty();
        assertOneOwner(owner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-an-email", "a@", "@example.com", "two words@example.com"})
    void addWhenTheEmailIsMalformedThenInvalidInput(String email) {
        assertThatThrownBy(() -> service.add(actor(admin), workspace.id(), email, Role.MEMBER))
                .isInstanceOf(InvalidInputException.class);
        assertThat(stores.workspaces().members(workspace.id())).hasSize(3);
    }

    @Test
    void addWhenCallerIsAMemberThenForbiddenAndNothingStored() {
        assertThatThrownBy(() -> service.add(actor(member), workspace.id(), "x@example.com", Role.MEMBER))
                .isInstanceOf(ForbiddenException.class);
        assertThat(stores.users().findByEmail("x@example.com")).isEmpty();
    }

    @Test
    void addWhenCallerIsAnOutsiderThenNotFoundAndNothingStored() {
        assertThatThrownBy(() -> service.add(actor(outsider()), workspace.id(), "x@example.com", Role.MEMBER))
                .isInstanceOf(NotFoundException.class);
        assertThat(stores.users().findByEmail("x@example.com")).isEmpty();
    }

    @Test
    void addIsAuditedWithActorSourceIpAndRoleAndNeverTheNewSecrets() {
        AddedMember added = service.add(actor(admin), workspace.id(), "audited@example.com", Role.ADMIN);

        assertThat(audit.events()).containsExactly(new AuditEvent.MemberChanged(workspace.id(), admin.id(), SOURCE_IP, "added",
                added.member().user().id(), "admin", T0));
        assertThat(audit.events().get(0).details().values()).noneMatch(v -> v.contains(added.password().orElseThrow())
                || v.contains(added.apiKey().orElseThrow().value()));
    }

    // change role

    @Test
    void changeRoleMakesAMemberAnAdminAndBack() {
        Member promoted = service.changeRole(actor(admin), workspace.id(), member.id(), Role.ADMIN);

        assertThat(promoted).isEqualTo(new Member(member, Role.ADMIN));
        assertThat(role(member)).contains(Role.ADMIN);

        service.changeRole(actor(owner), workspace.id(), member.id(), Role.MEMBER);

        assertThat(role(member)).contains(Role.MEMBER);
        assertOneOwner(owner);
    }

    @Test
    void changeRoleIsAudited() {
        clock.advance(Duration.ofSeconds(4));

        service.changeRole(actor(admin), workspace.id(), member.id(), Role.ADMIN);

        assertThat(audit.events()).containsExactly(new AuditEvent.MemberChanged(workspace.id(), admin.id(), SOURCE_IP,
                "role_changed", member.id(), "admin", T0.plusSeconds(4)));
    }

    @Test
    void changeRoleToTheSameRoleChangesNothing() {
        Member same = service.changeRole(actor(admin), workspace.id(), member.id(), Role.MEMBER);

        assertThat(same).isEqualTo(new Member(member, Role.MEMBER));
        assertThat(audit.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void changeRoleOfTheOwnerToAnotherRoleThenConflict(Role role) {
        assertThatThrownBy(() -> service.changeRole(actor(admin), workspace.id(), owner.id(), role))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> service.changeRole(actor(owner), workspace.id(), owner.id(), role))
                .isInstanceOf(ConflictException.class);

        assertOneOwner(owner);
        assertThat(audit.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void changeRoleToOwnerByTheOwnerTransfersOwnership(Role before) {
        User next = before == Role.ADMIN ? admin : member;

        Member result = service.changeRole(actor(owner), workspace.id(), next.id(), Role.OWNER);

        assertThat(result).isEqualTo(new Member(next, Role.OWNER));
        assertThat(role(next)).contains(Role.OWNER);
        assertThat(role(owner)).contains(Role.ADMIN);
        assertOneOwner(next);
        assertThat(audit.events()).containsExactly(new AuditEvent.MemberChanged(workspace.id(), owner.id(), SOURCE_IP,
                "ownership_transferred", next.id(), "owner", T0));
    }

    @Test
    void changeRoleToOwnerByAnAdminThenForbidden() {
        assertThatThrownBy(() -> service.changeRole(actor(admin), workspace.id(), member.id(), Role.OWNER))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.changeRole(actor(admin), workspace.id(), admin.id(), Role.OWNER))
                .isInstanceOf(ForbiddenException.class);

        assertOneOwner(owner);
        assertThat(role(member)).contains(Role.MEMBER);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void changeRoleAfterATransferIsUpToTheNewOwner() {
        service.changeRole(actor(owner), workspace.id(), admin.id(), Role.OWNER);

        assertThatThrownBy(() -> service.changeRole(actor(owner), workspace.id(), member.id(), Role.OWNER))
                .as("the former owner is now an admin").isInstanceOf(ForbiddenException.class);
        service.changeRole(actor(admin), workspace.id(), owner.id(), Role.OWNER);

        assertOneOwner(owner);
        assertThat(role(admin)).contains(Role.ADMIN);
    }

    @Test
    void changeRoleWhenTheTargetIsNotAMemberThenNotFound() {
        User stranger = outsider();

        assertThatThrownBy(() -> service.changeRole(actor(admin), workspace.id(), stranger.id(), Role.ADMIN))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.changeRole(actor(owner), workspace.id(), stranger.id(), Role.OWNER))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.changeRole(actor(owner), workspace.id(), UserId.generate(data.random()), Role.ADMIN))
                .isInstanceOf(NotFoundException.class);
        assertOneOwner(owner);
    }

    @Test
    void changeRoleWhenCallerIsAMemberThenForbidden() {
        assertThatThrownBy(() -> service.changeRole(actor(member), workspace.id(), member.id(), Role.ADMIN))
                .isInstanceOf(ForbiddenException.class);
        assertThat(role(member)).contains(Role.MEMBER);
    }

    @Test
    void changeRoleWhenCallerIsAnOutsiderThenNotFound() {
        assertThatThrownBy(() -> service.changeRole(actor(outsider()), workspace.id(), member.id(), Role.ADMIN))
                .isInstanceOf(NotFoundException.class);
        assertThat(role(member)).contains(Role.MEMBER);
    }

    // remove

    @Test
    void removeTakesTheMemberOutAndIsAudited() {
        service.remove(actor(admin), workspace.id(), member.id());

        assertThat(role(member)).isEmpty();
        assertThat(stores.workspaces().members(workspace.id())).extracting(m -> m.user().id())
                .containsExactly(owner.id(), admin.id());
        assertThat(stores.users().findById(member.id())).contains(member);
        assertThat(audit.events()).containsExactly(new AuditEvent.MemberChanged(workspace.id(), admin.id(), SOURCE_IP, "removed",
                member.id(), "none", T0));
    }

    @Test
    void removeOfTheOwnerThenConflict() {
        assertThatThrownBy(() -> service.remove(actor(admin), workspace.id(), owner.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> service.remove(actor(owner), workspace.id(), owner.id())).isInstanceOf(ConflictException.class);

        assertOneOwner(owner);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void removeWhenNotAMemberThenNotFound() {
        service.remove(actor(admin), workspace.id(), member.id());

        assertThatThrownBy(() -> service.remove(actor(admin), workspace.id(), member.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.remove(actor(admin), workspace.id(), outsider().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(audit.events()).hasSize(1);
    }

    @Test
    void removeWhenCallerIsAMemberThenForbidden() {
        assertThatThrownBy(() -> service.remove(actor(member), workspace.id(), admin.id())).isInstanceOf(ForbiddenException.class);
        assertThat(role(admin)).contains(Role.ADMIN);
    }

    @Test
    void removeWhenCallerIsAnOutsiderThenNotFound() {
        assertThatThrownBy(() -> service.remove(actor(outsider()), workspace.id(), member.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(role(member)).contains(Role.MEMBER);
    }

    @Test
    void removeWhenTheMemberJustReadTheWorkspaceThenTheirNextReadIsNotFoundAtOnce() {
        assertThat(reads.get(principal(member), workspace.id())).isEqualTo(workspace);

        service.remove(actor(admin), workspace.id(), member.id());

        assertThatThrownBy(() -> reads.get(principal(member), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void removeWhenTheTargetLeftMeanwhileThenTheRememberedMembershipsAreForgottenAllTheSame() {
        assertThat(reads.get(principal(member), workspace.id())).isEqualTo(workspace);
        MemberService racing = serviceWhere("removeMembership",
                () -> stores.workspaces().removeMembership(workspace.id(), member.id()));

        assertThatThrownBy(() -> racing.remove(actor(admin), workspace.id(), member.id())).isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> reads.get(principal(member), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyMembershipWriteTellsTheOtherServers() {
        int[] signals = {0};
        memberships.onLocalChange(() -> signals[0]++);

        AddedMember added = service.add(actor(admin), workspace.id(), "signalled@example.com", Role.MEMBER);
        service.add(actor(admin), workspace.id(), data.addUser(stores).email(), Role.MEMBER);
        service.changeRole(actor(admin), workspace.id(), added.member().user().id(), Role.ADMIN);
        service.changeRole(actor(owner), workspace.id(), admin.id(), Role.OWNER);
        service.remove(actor(admin), workspace.id(), added.member().user().id());

        assertThat(signals[0]).isEqualTo(5);
    }

    @Test
    void removedAdminCanNoLongerManageMembers() {
        service.remove(actor(owner), workspace.id(), admin.id());

        assertThatThrownBy(() -> service.list(actor(admin), workspace.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theWorkspaceKeepsExactlyOneOwnerThroughAnySequenceOfOperations() {
        User newcomer = service.add(actor(admin), workspace.id(), "newcomer@example.com", Role.MEMBER).member().user();
        assertOneOwner(owner);
        service.changeRole(actor(admin), workspace.id(), newcomer.id(), Role.ADMIN);
        assertOneOwner(owner);
        service.changeRole(actor(owner), workspace.id(), newcomer.id(), Role.OWNER);
        assertOneOwner(newcomer);
        attempt(() -> service.remove(actor(owner), workspace.id(), newcomer.id()));
        assertOneOwner(newcomer);
        attempt(() -> service.changeRole(actor(admin), workspace.id(), newcomer.id(), Role.MEMBER));
        assertOneOwner(newcomer);
        attempt(() -> service.changeRole(actor(admin), workspace.id(), admin.id(), Role.OWNER));
        assertOneOwner(newcomer);
        attempt(() -> service.add(actor(newcomer), workspace.id(), "second-owner@example.com", Role.OWNER));
        assertOneOwner(newcomer);
        service.remove(actor(newcomer), workspace.id(), owner.id());
        assertOneOwner(newcomer);
        service.changeRole(actor(newcomer), workspace.id(), member.id(), Role.OWNER);
        assertOneOwner(member);
        assertThat(role(newcomer)).contains(Role.ADMIN);
    }

    // races: each simulates the other request landing between this one's check and its write

    @Test
    void changeRoleWhenTheTargetBecomesOwnerMeanwhileThenConflictAndTheOwnerIsKept() {
        MemberService racing = serviceWhere("changeRoleUnlessOwner",
                () -> stores.workspaces().transferOwnership(workspace.id(), owner.id(), member.id()));

        assertThatThrownBy(() -> racing.changeRole(actor(admin), workspace.id(), member.id(), Role.ADMIN))
                .isInstanceOf(ConflictException.class);

        assertOneOwner(member);
    }

    @Test
    void removeWhenTheTargetBecomesOwnerMeanwhileThenConflictAndTheOwnerIsKept() {
        MemberService racing = serviceWhere("removeMembership",
                () -> stores.workspaces().transferOwnership(workspace.id(), owner.id(), member.id()));

        assertThatThrownBy(() -> racing.remove(actor(admin), workspace.id(), member.id()))
                .isInstanceOf(ConflictException.class);

        assertOneOwner(member);
    }

    @Test
    void removeWhenTheTargetLeftMeanwhileThenNotFound() {
        MemberService racing = serviceWhere("removeMembership",
                () -> stores.workspaces().removeMembership(workspace.id(), member.id()));

        assertThatThrownBy(() -> racing.remove(actor(admin), workspace.id(), member.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void addWhenTheSameNewEmailIsAddedMeanwhileThenConflictNotAFailure() {
        String email = "twice@example.com";
        MemberService racing = serviceWhere("addMemberWithNewUser",
                () -> new MemberService(stores.workspaces(), stores.users(), passwords, audit, clock, data.random(), memberships)
                        .add(actor(admin), workspace.id(), email, Role.MEMBER));

        assertThatThrownBy(() -> racing.add(actor(admin), workspace.id(), email, Role.ADMIN))
                .isInstanceOf(ConflictException.class);

        User created = stores.users().findByEmail(email).orElseThrow();
        assertThat(stores.workspaces().findMembership(workspace.id(), created.id()))
                .contains(new Membership(workspace.id(), created.id(), Role.MEMBER));
    }

    @Test
    void addWhenTheSameNewEmailIsCreatedElsewhereMeanwhileThenThatUserJoinsWithoutNewCredentials() {
        String email = "elsewhere@example.com";
        Workspace other = data.addWorkspace(stores);
        MemberService racing = serviceWhere("addMemberWithNewUser",
                () -> stores.users().add(data.user(email, T0)));

        AddedMember added = racing.add(actor(admin), workspace.id(), email, Role.MEMBER);

        User created = stores.users().findByEmail(email).orElseThrow();
        assertThat(added.member().user()).isEqualTo(created);
        assertThat(added.apiKey()).isEmpty();
        assertThat(added.password()).isEmpty();
        assertThat(stores.workspaces().findMembership(other.id(), created.id())).isEmpty();
        assertThat(stores.workspaces().findMembership(workspace.id(), created.id()))
                .contains(new Membership(workspace.id(), created.id(), Role.MEMBER));
    }

    /** A service whose workspace store runs {@code meanwhile} once, just before the first call of {@code method}. */
    private MemberService serviceWhere(String method, Runnable meanwhile) {
        WorkspaceRepository real = stores.workspaces();
        boolean[] done = {false};
        WorkspaceRepository racing = (WorkspaceRepository) Proxy.newProxyInstance(WorkspaceRepository.class.getClassLoader(),
                new Class<?>[] {WorkspaceRepository.class}, (proxy, called, args) -> {
                    if (called.getName().equals(method) && !done[0]) {
                        done[0] = true;
                        meanwhile.run();
                    }
                    try {
                        return called.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new MemberService(racing, stores.users(), passwords, audit, clock, data.random(), memberships);
    }

    private static void attempt(Runnable refused) {
        assertThatThrownBy(refused::run).isInstanceOfAny(ConflictException.class, ForbiddenException.class,
                InvalidInputException.class);
    }

    private void assertOneOwner(User expected) {
        List<Member> owners = stores.workspaces().members(workspace.id()).stream().filter(m -> m.role() == Role.OWNER).toList();
        assertThat(owners).extracting(m -> m.user().id()).containsExactly(expected.id());
    }

    private Optional<Role> role(User user) {
        return stores.workspaces().findMembership(workspace.id(), user.id()).map(Membership::role);
    }

    private User outsider() {
        Workspace other = data.addWorkspace(stores);
        return data.addMember(stores, other.id(), Role.OWNER);
    }

    private static Actor actor(User user) {
        return new Actor(user.id(), SOURCE_IP);
    }

    private static Principal principal(User user) {
        return new Principal.User(user.id(), new ApiKeyId("ak_test"));
    }
}
