package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.token.port.in.GetJsonWebKeySetUseCase;
import io.javalin.http.Context;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify access tokens.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
public final class JwksEndpoint {

    private final GetJsonWebKeySetUseCase jwks;

    public JwksEndpoint(GetJsonWebKeySetUseCase jwks) {
        this.jwks = jwks;
    }

    public void handle(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=60");
        Json.respond(ctx, 200, jwks.jwks());
    }
}
