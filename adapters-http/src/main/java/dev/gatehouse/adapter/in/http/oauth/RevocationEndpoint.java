package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.RevokeTokenUseCase;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /v1/oauth/revoke}: RFC 7009 token revocation, client-authenticated; {@code 200 {}} whether or
 * not the token was known.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
 */
public final class RevocationEndpoint {

    private final RevokeTokenUseCase revoke;

    public RevocationEndpoint(RevokeTokenUseCase revoke) {
        this.revoke = revoke;
    }

    public void handle(Context ctx) {
        boolean triedBasic = OAuthRequest.triedBasic(ctx);
        try {
            OAuthRequest request = OAuthRequest.parse(ctx);
            revoke.revoke(request.authentication(), request.parameter("token"));
            OAuthResponses.ok(ctx, Map.of());
        } catch (OAuthException e) {
            OAuthResponses.error(ctx, e.error(), triedBasic);
        }
    }
}
