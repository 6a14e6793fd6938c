package dev.gatehouse.adapter.in.http.ops;

import dev.gatehouse.adapter.in.http.common.Json;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /health} (liveness, touches nothing) and {@code GET /ready} (the database answers). */
public final class HealthEndpoints {

    private final BooleanSupplier databaseReachable;

    public HealthEndpoints(BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
    }

    public void health(Context ctx) {
        Json.respond(ctx, 200, Map.of("status", "ok"));
    }

    public void ready(Context ctx) {
        boolean ready = databaseReachable.getAsBoolean();
        Json.respond(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : "database unreachable"));
    }
}
