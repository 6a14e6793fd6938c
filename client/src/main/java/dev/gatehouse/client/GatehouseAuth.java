package dev.gatehouse.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Objects;

/**
 * Protects Javalin routes with Gatehouse access tokens, in one line:
 * {@code config.routes.before("/orders/*", GatehouseAuth.require(verifier, "orders:read"))}.
 *
 * <p>The handler reads {@code Authorization: Bearer}, verifies the token with a {@link TokenVerifier} and checks the
 * scope by the wildcard rules of {@link VerifiedToken#grants}. It answers as RFC 6750 §3 says: {@code 401} with
 * {@code WWW-Authenticate: Bearer realm="…"} when there is no token, with {@code error="invalid_token"} when the
 * token is refused, and {@code 403} with {@code error="insufficient_scope"} when the scope is missing; the body is
 * {@code {"error":"…"}} and the remaining handlers are skipped. An accepted token is stored as the context attribute
 * {@link #ATTRIBUTE}; read it with {@link #token(Context)}.
 *
 * <p>This is the only class of the library that needs Javalin, which is an optional dependency: add
 * {@code io.javalin:javalin} yourself to use it.
 */
public final class GatehouseAuth {

    /** The context attribute that holds the {@link VerifiedToken} of an authorized request. */
    public static final String ATTRIBUTE = "gatehouse.token";
    /** The realm of {@code WWW-Authenticate} unless another is given. */
    public static final String DEFAULT_REALM = "gatehouse";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatehouseAuth() {
    }

    /** A handler that lets through requests bearing a valid token granted {@code scope}. */
    public static Handler require(TokenVerifier verifier, String scope) {
        return require(verifier, DEFAULT_REALM, scope);
    }

    /** Like {@link #require(TokenVerifier, String)}, with {@code realm} in {@code WWW-Authenticate}. */
    public static Handler require(TokenVerifier verifier, String realm, String scope) {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(scope, "scope");
        return ctx -> authorize(ctx, verifier, realm, scope);
    }

    /** The token of a request that passed {@link #require}, or {@code null}. */
    public static VerifiedToken token(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    private static void authorize(Context ctx, TokenVerifier verifier, String realm, String scope) {
        String header = ctx.header("Authorization");
        String challenge = "Bearer realm=\"" + quoted(realm) + "\"";
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            deny(ctx, 401, challenge, "missing bearer token");
            return;
        }
        VerifiedToken token;
        try {
            token = verifier.verify(header.substring(7).trim());
        } catch (InvalidTokenException e) {
            deny(ctx, 401, challenge + ", error=\"invalid_token\", error_description=\"" + quoted(e.getMessage()) + "\"",
                    "invalid token");
            return;
        }
        if (!token.hasScope(scope)) {
            deny(ctx, 403, challenge + ", error=\"insufficient_scope\", scope=\"" + quoted(scope) + "\"",
                    "the token lacks the scope " + scope);
            return;
        }
        ctx.attribute(ATTRIBUTE, token);
    }

    private static void deny(Context ctx, int status, String challenge, String message) {
        ctx.status(status);
        ctx.header("WWW-Authenticate", challenge);
        ctx.contentType("application/json");
        ctx.result(errorBody(message));
        ctx.skipRemainingHandlers();
    }

    private static String errorBody(String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", message));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"unauthorized\"}";
        }
    }

    /** Makes {@code value} safe inside an RFC 7230 quoted-string. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ");
    }
}
