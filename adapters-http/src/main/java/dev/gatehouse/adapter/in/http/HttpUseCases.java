package dev.gatehouse.adapter.in.http;

import dev.gatehouse.application.auth.port.in.AuthenticateBearerUseCase;
import dev.gatehouse.application.client.port.in.CreateOAuthClientUseCase;
import dev.gatehouse.application.client.port.in.ListOAuthClientsUseCase;
import dev.gatehouse.application.token.port.in.GetJsonWebKeySetUseCase;
import dev.gatehouse.application.token.port.in.IssueAccessTokenUseCase;
import dev.gatehouse.application.workspace.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.workspace.port.in.GetWorkspaceUseCase;
import dev.gatehouse.domain.scope.ScopeCatalog;
import java.util.function.BooleanSupplier;

/** Everything the HTTP adapter drives: the use cases, the scope catalogue and the readiness probe. */
public record HttpUseCases(
        AuthenticateBearerUseCase authenticateBearer,
        IssueAccessTokenUseCase issueAccessToken,
        GetJsonWebKeySetUseCase jwks,
        CreateOAuthClientUseCase createOAuthClient,
        ListOAuthClientsUseCase listOAuthClients,
        GetWorkspaceUseCase getWorkspace,
        GetCurrentUserUseCase getCurrentUser,
        ScopeCatalog scopeCatalog,
        BooleanSupplier databaseReachable) {}
