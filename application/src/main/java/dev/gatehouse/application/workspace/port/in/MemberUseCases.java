package dev.gatehouse.application.workspace.port.in;

import dev.gatehouse.application.shared.Actor;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.credential.PlainCredential;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** An admin manages the workspace's members; the workspace always keeps exactly one owner (contract §6). */
public final class MemberUseCases {

    private MemberUseCases() {}

    public interface ListMembersUseCase {
        List<Member> list(Actor actor, WorkspaceId workspace);
    }

    /** Adds a member, creating the user when the email is new; a new user's first key and password come back once. */
    public interface AddMemberUseCase {
        AddedMember add(Actor actor, WorkspaceId workspace, String email, Role role);
    }

    public record AddedMember(Member member, Optional<PlainCredential> apiKey, Optional<String> password) {
        @Override
        public String toString() {
            return "AddedMember[" + member.user().id() + ", " + member.role() + ", secrets redacted]";
        }
    }

    /** Changes a member's role; {@code owner} transfers ownership and only the owner may ask for it. */
    public interface ChangeMemberRoleUseCase {
        Member changeRole(Actor actor, WorkspaceId workspace, UserId member, Role role);
    }

    /** Removes a member; the owner cannot be removed. */
    public interface RemoveMemberUseCase {
        void remove(Actor actor, WorkspaceId workspace, UserId member);
    }
}
