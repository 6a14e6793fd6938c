package dev.gatehouse.application.workspace.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.application.shared.ConflictException;
import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.workspace.port.in.MemberUseCases;
import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.Text;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Members and roles. Only admins and the owner manage members; ownership moves only by the owner's transfer. Every
 * membership write is followed by {@link RecentMemberships#changed()}, so that it counts at once.
 */
public final class MemberService implements MemberUseCases.ListMembersUseCase, MemberUseCases.AddMemberUseCase,
        MemberUseCases.ChangeMemberRoleUseCase, MemberUseCases.RemoveMemberUseCase {

    private static final int PASSWORD_LENGTH = 24;
    private static final int MAX_USERNAME_LENGTH = 100;

    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final WorkspaceAccess access;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;
    private final RecentMemberships memberships;

    public MemberService(WorkspaceRepository workspaces, UserRepository users, PasswordHasher passwords, AuditLog audit,
                         Clock clock, RandomGenerator random, RecentMemberships memberships) {
        this.workspaces = workspaces;
        this.users = users;
        this.access = new WorkspaceAccess(workspaces);
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.memberships = memberships;
    }

    @Override
    public List<Member> list(Actor actor, WorkspaceId workspace) {
        access.requireAdmin(actor.user(), workspace);
        return workspaces.members(workspace);
    }

    @Override
    public MemberUseCases.AddedMember add(Actor actor, WorkspaceId workspace, String email, Role role) {
        access.requireAdmin(actor.user(), workspace);
        if (role == Role.OWNER) {
            throw new InvalidInputException("a new member is an admin or a member; ownership moves by transfer");
        }
        String address;
        try {
            address = Text.requireEmail(email);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Instant now = now();
        Optional<User> existing = users.findByEmail(address);
        MemberUseCases.AddedMember added;
        if (existing.isPresent()) {
            User user = existing.get();
            if (workspaces.findMembership(workspace, user.id()).isPresent()) {
                throw new ConflictException(address + " is already a member");
            }
            try {
                workspaces.putMembership(new Membership(workspace, user.id(), role));
            } finally {
                memberships.changed();
            }
            added = new MemberUseCases.AddedMember(new Member(user, role), Optional.empty(), Optional.empty());
        } else {
            String password = Base62.random(random, PASSWORD_LENGTH);
            String localPart = address.substring(0, address.indexOf('@')).toLowerCase(Locale.ROOT);
            String username = localPart.substring(0, Math.min(localPart.length(), MAX_USERNAME_LENGTH));
            User user = new User(UserId.generate(random), address, username, passwords.hash(password), now);
            ApiKey.Issued key = ApiKey.issue(user.id(), now, random);
            try {
                workspaces.addMemberWithNewUser(user, key.key(), new Membership(workspace, user.id(), role));
                memberships.changed();
            } catch (RuntimeException e) {
                if (users.findByEmail(address).isPresent()) {
                    // Someone else created a user with this address in the meantime: add that user instead.
                    return add(actor, workspace, address, role);
                }
                throw e;
            }
            added = new MemberUseCases.AddedMember(new Member(user, role), Optional.of(key.plaintext()), Optional.of(password));
        }
        record(actor, workspace, "added", added.member().user().id(), role);
        return added;
    }

    @Override
    public Member changeRole(Actor actor, WorkspaceId workspace, UserId member, Role role) {
        Membership caller = access.requireAdmin(actor.user(), workspace);
        Membership target = workspaces.findMembership(workspace, member)
                .orElseThrow(() -> new NotFoundException("member " + member + " not found"));
        User user = users.findById(member).orElseThrow(() -> new NotFoundException("member " + member + " not found"));
        if (role == target.role()) {
            return new Member(user, role);
        }
        if (role == Role.OWNER) {
            if (caller.role() != Role.OWNER) {
                throw new ForbiddenException("only the owner can transfer ownership");
            }
            try {
                workspaces.transferOwnership(workspace, actor.user(), member);
            } catch (IllegalStateException e) {
                throw new ConflictException("ownership could not be transferred: " + e.getMessage());
            } finally {
                memberships.changed();
            }
            record(actor, workspace, "ownership_transferred", member, Role.OWNER);
            return new Member(user, Role.OWNER);
        }
        if (target.role() == Role.OWNER) {
            throw new ConflictException("the owner's role changes only by transferring ownership to another member");
        }
        if (!changeRole(workspace, member, role)) {
            throw changedMeanwhile(workspace, member);
        }
        record(actor, workspace, "role_changed", member, role);
        return new Member(user, role);
    }

    @Override
    public void remove(Actor actor, WorkspaceId workspace, UserId member) {
        access.requireAdmin(actor.user(), workspace);
        Membership target = workspaces.findMembership(workspace, member)
                .orElseThrow(() -> new NotFoundException("member " + member + " not found"));
        if (target.role() == Role.OWNER) {
            throw new ConflictException("the owner cannot be removed; transfer ownership first");
        }
        if (!removeMembership(workspace, member)) {
            throw changedMeanwhile(workspace, member);
        }
        audit.record(new AuditEvent.MemberChanged(workspace, actor.user(), actor.sourceIp(), "removed", member, "none", now()));
    }

    private boolean changeRole(WorkspaceId workspace, UserId member, Role role) {
        try {
            return workspaces.changeRoleUnlessOwner(workspace, member, role);
        } finally {
            memberships.changed();
        }
    }

    private boolean removeMembership(WorkspaceId workspace, UserId member) {
        try {
            return workspaces.removeMembership(workspace, member);
        } finally {
            memberships.changed();
        }
    }

    /** A conditional write changed nothing: the member left, or became the owner by a concurrent transfer. */
    private RuntimeException changedMeanwhile(WorkspaceId workspace, UserId member) {
        Optional<Membership> now = workspaces.findMembership(workspace, member);
        if (now.isEmpty()) {
            return new NotFoundException("member " + member + " not found");
        }
        return new ConflictException("the owner's role changes only by transferring ownership to another member");
    }

    private void record(Actor actor, WorkspaceId workspace, String action, UserId member, Role role) {
        audit.record(new AuditEvent.MemberChanged(workspace, actor.user(), actor.sourceIp(), action, member, role.wireName(), now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
