package dev.gatehouse.archfixture.httpleak.adapter.in.http;

import io.javalin.http.Context;

/** Fixture: Javalin inside the HTTP adapter, which is allowed. */
public final class Handler {

    void handle(Context ctx) {
        ctx.result("ok");
    }
}
