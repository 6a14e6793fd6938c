package dev.gatehouse.adapter.in.http;

import dev.gatehouse.application.apikey.port.in.RevokeApiKeyUseCase;
import dev.gatehouse.application.auth.port.in.AuthenticateBearerUseCase;
import dev.gatehouse.application.client.port.in.CreateOAuthClientUseCase;
import dev.gatehouse.application.client.port.in.ListOAuthClientsUseCase;
import dev.gatehouse.application.client.port.in.ManageOAuthClientUseCases;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases;
import dev.gatehouse.application.project.port.in.ProjectUseCases;
import dev.gatehouse.application.workspace.port.in.MemberUseCases;
import dev.gatehouse.application.source.port.in.SourceUseCases;
import dev.gatehouse.application.token.port.in.GetJsonWebKeySetUseCase;
import dev.gatehouse.application.token.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.token.port.in.IssueAccessTokenUseCase;
import dev.gatehouse.application.token.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.workspace.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.workspace.port.in.GetWorkspaceUseCase;
import dev.gatehouse.domain.scope.ScopeCatalog;
import java.util.function.BooleanSupplier;

/** Everything the HTTP adapter drives: the use cases, the scope catalogue, the readiness probe and the console's sessions. */
public record HttpUseCases(
        AuthenticateBearerUseCase authenticateBearer,
        IssueAccessTokenUseCase issueAccessToken,
        IntrospectTokenUseCase introspectToken,
        RevokeTokenUseCase revokeToken,
        GetJsonWebKeySetUseCase jwks,
        CreateOAuthClientUseCase createOAuthClient,
        ListOAuthClientsUseCase listOAuthClients,
        ManageOAuthClientUseCases.UpdateOAuthClientUseCase updateOAuthClient,
        ManageOAuthClientUseCases.RotateClientSecretUseCase rotateClientSecret,
        ManageOAuthClientUseCases.DeleteOAuthClientUseCase deleteOAuthClient,
        ProjectUseCases.ListProjectsUseCase listProjects,
        ProjectUseCases.CreateProjectUseCase createProject,
        ProjectUseCases.GetProjectUseCase getProject,
        ProjectUseCases.UpdateProjectUseCase updateProject,
        ProjectUseCases.DeleteProjectUseCase deleteProject,
        MemberUseCases.ListMembersUseCase listMembers,
        MemberUseCases.AddMemberUseCase addMember,
        MemberUseCases.ChangeMemberRoleUseCase changeMemberRole,
        MemberUseCases.RemoveMemberUseCase removeMember,
        GetWorkspaceUseCase getWorkspace,
        GetCurrentUserUseCase getCurrentUser,
        RevokeApiKeyUseCase revokeApiKey,
        SourceUseCases.CreateSourceUseCase createSource,
        SourceUseCases.GetSourceUseCase getSource,
        SourceUseCases.DeleteSourceUseCase deleteSource,
        SourceUseCases.EmitEventUseCase emitEvent,
        SourceUseCases.SubscribeToSourceUseCase subscribeToSource,
        SourceUseCases.SubscribeToAuditUseCase subscribeToAudit,
        ScopeCatalog scopeCatalog,
        BooleanSupplier databaseReachable,
        ConsoleSessionUseCases.SignInUseCase signIn,
        ConsoleSessionUseCases.ResumeSessionUseCase resumeSession,
        ConsoleSessionUseCases.SignOutUseCase signOut,
        ConsoleSessionUseCases.DescribeAccountUseCase describeAccount) {}
