package dev.gatehouse.application.apikey.port.in;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.workspace.UserId;

/**
 * A user revokes their API key and gets the next one, shown this once. From the next request on, the old
 * key authenticates nobody, on every server.
 */
public interface RevokeApiKeyUseCase {
    ApiKey.Issued revoke(UserId user, ApiKeyId current);
}
