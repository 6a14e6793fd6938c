package dev.gatehouse.application.workspace.port.in;

import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.List;

/** The calling user and the workspaces they belong to ({@code GET /v1/users/me}). */
public interface GetCurrentUserUseCase {

    CurrentUser get(UserId user);

    record CurrentUser(User user, List<Workspace> workspaces) {}
}
