package dev.gatehouse.application.client.port.in;

import dev.gatehouse.domain.client.OAuthClient;

/** An admin creates an OAuth client; its secret is returned this once. */
public interface CreateOAuthClientUseCase {
    OAuthClient.Registration create(CreateOAuthClientCommand command);
}
