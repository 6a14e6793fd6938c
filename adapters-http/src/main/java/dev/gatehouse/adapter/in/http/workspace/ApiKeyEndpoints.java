package dev.gatehouse.adapter.in.http.workspace;

import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.apikey.port.in.RevokeApiKeyUseCase;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.principal.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/users/me/api_key/revoke}: revokes the caller's key and shows the next one once (contract §5). */
public final class ApiKeyEndpoints {

    public static final String REVOKE = "/v1/users/me/api_key/revoke";

    private final RevokeApiKeyUseCase revoke;

    public ApiKeyEndpoints(RevokeApiKeyUseCase revoke) {
        this.revoke = revoke;
    }

    public void revoke(Context ctx, Principal caller) {
        Principal.User user = BearerAuth.user(caller);
        ApiKey.Issued next = revoke.revoke(user.userId(), user.apiKeyId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("api_key", next.plaintext().value());
        data.put("created_at", Json.timestamp(next.key().createdAt()));
        ctx.header("Cache-Control", "no-store");
        Json.respond(ctx, 200, Map.of("data", data));
    }
}
