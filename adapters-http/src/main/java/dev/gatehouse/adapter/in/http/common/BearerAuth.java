package dev.gatehouse.adapter.in.http.common;

import dev.gatehouse.application.auth.port.in.AuthenticateBearerUseCase;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.Scope;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer …} and resolves it to a {@link Principal}, answering the RFC 6750
 * challenges of contract §4 when it cannot.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
public final class BearerAuth {

    public static final String REALM = "gatehouse";
    private static final String CHALLENGE = "Bearer realm=\"" + REALM + "\"";

    /** The request attribute naming the authenticated caller for the access log, never its credential. */
    public static final String PRINCIPAL_ATTRIBUTE = "gatehouse.principal";

    private final AuthenticateBearerUseCase authenticate;
    private final RateLimiter failedChecks;
    private final ClientAddress addresses;
    private final SessionCredential sessions;

    /**
     * Refuses, with 429, an IP address whose failed bearer checks have used up {@code failedChecks}, and also
     * admits a console session where an API key is accepted and no Authorization header is sent.
     */
    public BearerAuth(AuthenticateBearerUseCase authenticate, RateLimiter failedChecks, ClientAddress addresses,
                      SessionCredential sessions) {
        this.authenticate = authenticate;
        this.failedChecks = failedChecks;
        this.addresses = addresses;
        this.sessions = sessions;
    }

    /** The caller, whatever kind of credential it used. */
    public Principal require(Context ctx) {
        return require(ctx, ctx.header("Authorization"));
    }

    private Principal require(Context ctx, String header) {
        String ip = addresses.of(ctx);
        failedChecks.check(ip).orThrottle();
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "an Authorization: Bearer credential is required",
                    Map.of("WWW-Authenticate", CHALLENGE));
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw new ApiException(401, "the Authorization header must use the Bearer scheme",
                    Map.of("WWW-Authenticate", CHALLENGE));
        }
        if (space < 0) {
            throw invalidToken("the Bearer credential is empty");
        }
        if (moreThanOne(ctx.req().getHeaders("Authorization"))) {
            throw invalidToken("send one Authorization header, not several");
        }
        String credential = header.substring(space + 1).strip();
        try {
            Principal principal = authenticate.authenticate(credential);
            ctx.attribute(PRINCIPAL_ATTRIBUTE, describe(principal));
            return principal;
        } catch (InvalidCredentialException e) {
            failedChecks.recordFailure(ip);
            throw invalidToken(e.getMessage());
        }
    }

    private static boolean moreThanOne(Enumeration<String> values) {
        if (!values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return values.hasMoreElements();
    }

    /** Wraps {@code handler} so that it runs only for a caller that {@code access} admits. */
    public Handler protect(Access access, SecuredHandler handler) {
        return ctx -> handler.handle(ctx, authorize(ctx, access));
    }

    /** The caller, if its credential is of a kind {@code access} accepts and, for a token, holds the scope. */
    public Principal authorize(Context ctx, Access access) {
        Principal principal = access.acceptsApiKey() ? sessionOrBearer(ctx) : require(ctx);
        if (principal instanceof Principal.User && !access.acceptsApiKey()) {
            throw ApiException.forbidden("this endpoint needs an OAuth access token; user API keys are not accepted here");
        }
        if (principal instanceof Principal.WorkspaceClient client) {
            if (!access.acceptsOAuth()) {
                throw ApiException.forbidden("this endpoint needs a user API key; OAuth access tokens are not accepted here");
            }
            Scope needed = access.oauthScope().orElseThrow();
            if (!client.scopes().grants(needed)) {
                throw insufficientScope("this needs the scope " + needed.value(), needed.value());
            }
        }
        return principal;
    }

    /** How the access log names a caller: {@code user:u_…} or {@code client:<client_id>}, never a credential. */
    public static String describe(Principal principal) {
        if (principal instanceof Principal.User user) {
            return "user:" + user.userId().value();
        }
        return "client:" + ((Principal.WorkspaceClient) principal).clientId().value();
    }

    private Principal sessionOrBearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            Optional<Principal> session = sessions.authenticate(ctx);
            if (session.isPresent()) {
                ctx.attribute(PRINCIPAL_ATTRIBUTE, describe(session.get()));
                return session.get();
            }
        }
        return require(ctx, header);
    }

    /** The user behind a principal that {@link Access#apiKey()} admitted. */
    public static Principal.User user(Principal principal) {
        if (principal instanceof Principal.User user) {
            return user;
        }
        throw new IllegalStateException("the route admitted a credential that is not an API key");
    }

    public static ApiException invalidToken(String description) {
        return new ApiException(401, description, Map.of("WWW-Authenticate",
                CHALLENGE + ", error=\"invalid_token\", error_description=\"" + quotable(description) + "\""));
    }

    /** RFC 6750 §3: {@code insufficient_scope} with the scope the call needs. */
    public static ApiException insufficientScope(String description, String scope) {
        return new ApiException(403, description, Map.of("WWW-Authenticate",
                CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + quotable(scope) + "\""));
    }

    /** RFC 6750 §3: error_description holds %x20-21 / %x23-5B / %x5D-7E only. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            boolean ok = c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
            out.append(ok ? c : '\'');
        }
        return out.toString();
    }
}
