package dev.gatehouse.adapter.in.http.common;

import dev.gatehouse.application.shared.ConflictException;
import dev.gatehouse.application.shared.ForbiddenException;
import dev.gatehouse.application.shared.InsufficientScopeException;
import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a status and a {@code {"error":"…"}} body. An unexpected exception is logged with
 * its stack trace and answered with a generic 500: no stack trace ever reaches the client.
 */
public final class ErrorHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {}

    public static void register(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            Json.respond(ctx, e.status(), error(e.getMessage()));
        });
        config.routes.exception(InvalidInputException.class, (e, ctx) -> Json.respond(ctx, 400, error(e.getMessage())));
        config.routes.exception(InsufficientScopeException.class, (e, ctx) -> {
            ApiException api = BearerAuth.insufficientScope(e.getMessage(), e.needed().value());
            api.headers().forEach(ctx::header);
            Json.respond(ctx, 403, error(e.getMessage()));
        });
        config.routes.exception(ForbiddenException.class, (e, ctx) -> Json.respond(ctx, 403, error(e.getMessage())));
        config.routes.exception(ConflictException.class, (e, ctx) -> Json.respond(ctx, 409, error(e.getMessage())));
        config.routes.exception(NotFoundException.class, (e, ctx) -> Json.respond(ctx, 404, error(e.getMessage())));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "1");
            Json.respond(ctx, 503, error("the database is unavailable; try again shortly"));
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                RefusedBodies.swallow(ctx.req()); // so that a client still sending reads the 413, not a reset
            }
            Json.respond(ctx, e.getStatus(), error(clientMessage(e)));
        });
        config.routes.exception(IllegalCharsetNameException.class, (e, ctx) ->
                Json.respond(ctx, 400, error("the Content-Type names a charset that does not exist")));
        config.routes.exception(UnsupportedCharsetException.class, (e, ctx) ->
                Json.respond(ctx, 400, error("the Content-Type names a charset that is not supported")));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            Json.respond(ctx, 500, error("internal server error"));
        });
        config.routes.error(404, "*", ctx -> {
            if (ctx.result() == null) {
                Json.respond(ctx, 404, error("no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, "*", ctx -> Json.respond(ctx, 405, error("method not allowed")));
    }

    public static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static String clientMessage(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> "the request body is too large";
            case 400 -> "bad request";
            default -> e.getMessage() == null ? "error" : e.getMessage();
        };
    }
}
