package dev.gatehouse.adapter.in.http.common;

import dev.gatehouse.domain.principal.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * A second way to authenticate where a user API key is accepted: the web console's session cookie, used only
 * when a request carries no {@code Authorization} header.
 */
@FunctionalInterface
public interface SessionCredential {

    /**
     * The request attribute under which a session-authenticated request finds a check that its session is still
     * live, for a stream that stays open after the request was authorized.
     */
    String STILL_LIVE = SessionCredential.class.getName() + ".stillLive";

    /**
     * The user behind the request's session cookie; empty when the request has no such cookie.
     *
     * @throws ApiException 401 when the cookie names no live session, 403 when a state-changing request lacks
     *                      the session's CSRF token
     */
    Optional<Principal> authenticate(Context ctx);
}
