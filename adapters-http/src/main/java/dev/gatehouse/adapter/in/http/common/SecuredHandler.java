package dev.gatehouse.adapter.in.http.common;

import dev.gatehouse.domain.principal.Principal;
import io.javalin.http.Context;

/** A route handler that runs only after the caller was authenticated and authorized for the route. */
@FunctionalInterface
public interface SecuredHandler {
    void handle(Context ctx, Principal caller) throws Exception;
}
