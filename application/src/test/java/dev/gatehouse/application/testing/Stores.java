package dev.gatehouse.application.testing;

import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.project.port.out.ProjectRepository;
import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.workspace.port.out.InstallationRepository;
import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;

/**
 * One consistent set of every repository port, backed by the same store, so that contract tests can
 * create the rows a repository refers to (a client's workspace, a key's user) before testing it.
 */
public record Stores(
        WorkspaceRepository workspaces,
        UserRepository users,
        ApiKeyRepository apiKeys,
        OAuthClientRepository clients,
        InstallationRepository installations,
        SigningKeyRepository signingKeys,
        AuditLog audit,
        SourceRepository sources,
        RevokedTokenRepository revokedTokens,
        ProjectRepository projects) {}
