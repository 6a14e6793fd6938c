package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.oauth.OAuthError;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the responses of the OAuth endpoints: never cached, and errors in the RFC 6749 §5.2 shape. This is
 * the only place that chooses an OAuth error's status code and challenge.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
final class OAuthResponses {

    private OAuthResponses() {}

    static void ok(Context ctx, Object body) {
        noStore(ctx);
        Json.respond(ctx, 200, body);
    }

    static void error(Context ctx, OAuthError error, boolean triedBasic) {
        noStore(ctx);
        int status = error.code() == OAuthErrorCode.INVALID_CLIENT ? 401 : 400;
        if (error.code() == OAuthErrorCode.INVALID_CLIENT && triedBasic) {
            ctx.header("WWW-Authenticate", "Basic realm=\"gatehouse\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code().wireName());
        body.put("error_description", error.description());
        Json.respond(ctx, status, body);
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
