package dev.gatehouse.application.workspace.service;

import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.workspace.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;

/** Reads the calling user and their workspaces. */
public final class GetCurrentUserService implements GetCurrentUserUseCase {

    private final UserRepository users;
    private final WorkspaceRepository workspaces;

    public GetCurrentUserService(UserRepository users, WorkspaceRepository workspaces) {
        this.users = users;
        this.workspaces = workspaces;
    }

    @Override
    public CurrentUser get(UserId id) {
        User user = users.findById(id).orElseThrow(() -> new NotFoundException("user not found"));
        return new CurrentUser(user, workspaces.findWorkspacesOf(id));
    }
}
