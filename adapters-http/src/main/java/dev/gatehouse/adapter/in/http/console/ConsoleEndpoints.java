package dev.gatehouse.adapter.in.http.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.adapter.in.http.common.ClientAddress;
import dev.gatehouse.adapter.in.http.common.RateLimiter;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ActiveSession;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ConsoleAccount;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.SignInFailedException;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's own JSON endpoints: sign in ({@code POST /console/api/session}), what the signed-in page needs
 * to know ({@code GET}), and sign out ({@code DELETE}). Everything else the console does, it does through the
 * REST API with the session cookie.
 *
 * <p>Failed sign-ins are throttled per account and per IP address (contract §4): once either has used up its
 * failures for the minute, sign-in answers {@code 429 {"error":"Throttled"}} before checking the password.
 */
public final class ConsoleEndpoints {

    public static final String SESSION = "/console/api/session";

    private final ConsoleSessionUseCases.SignInUseCase signIn;
    private final ConsoleSessionUseCases.SignOutUseCase signOut;
    private final ConsoleSessionUseCases.DescribeAccountUseCase describe;
    private final ConsoleSessions sessions;
    private final RateLimiter failuresPerAccount;
    private final RateLimiter failuresPerIp;
    private final String issuerOrigin;
    private final ClientAddress addresses;

    public ConsoleEndpoints(ConsoleSessionUseCases.SignInUseCase signIn, ConsoleSessionUseCases.SignOutUseCase signOut,
                            ConsoleSessionUseCases.DescribeAccountUseCase describe, ConsoleSessions sessions,
                            int failuresPerMinute, String issuer, ClientAddress addresses) {
        this.signIn = signIn;
        this.signOut = signOut;
        this.describe = describe;
        this.sessions = sessions;
        this.failuresPerAccount = RateLimiter.of(failuresPerMinute, Duration.ofMinutes(1));
        this.failuresPerIp = RateLimiter.of(failuresPerMinute, Duration.ofMinutes(1));
        this.issuerOrigin = origin(issuer);
        this.addresses = addresses;
    }

    /** {@code POST /console/api/session}: {@code {"email","password"}} as JSON; sets the session cookie. */
    public void signIn(Context ctx) {
        requireJson(ctx);
        requireSameOrigin(ctx);
        ObjectNode body = Json.readObject(ctx);
        SignedIn signedIn = signIn(ctx, text(body, "email"), text(body, "password"));
        String id = signedIn.started().id().value();
        Json.respond(ctx, 200, Map.of("data", render(describe.describe(signedIn.principal()), id,
                signedIn.started().session().createdAt(), Optional.of(signedIn.endsAt()))));
    }

    /**
     * {@code POST /console/login}: the sign-in page's form, for a browser without JavaScript (the page itself
     * posts JSON to {@link #SESSION}). Answers {@code 303} to the console, or back to the sign-in page saying why.
     */
    public void signInForm(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "post the sign-in form as application/x-www-form-urlencoded", Map.of());
        }
        requireSameOrigin(ctx);
        String email = ctx.formParam("email");
        String password = ctx.formParam("password");
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            ctx.redirect(ConsolePages.LOGIN + "?failed=1", HttpStatus.SEE_OTHER);
            return;
        }
        try {
            signIn(ctx, email, password);
            ctx.redirect(ConsolePages.HOME, HttpStatus.SEE_OTHER);
        } catch (ApiException e) {
            if (e.status() != 401 && e.status() != 429) {
                throw e;
            }
            ctx.redirect(ConsolePages.LOGIN + (e.status() == 429 ? "?throttled=1" : "?failed=1"), HttpStatus.SEE_OTHER);
        }
    }

    /** Throttles, checks the password, ends the browser's previous session and sets the new one's cookie. */
    private SignedIn signIn(Context ctx, String email, String password) {
        String accountKey = "account:" + email.strip().toLowerCase(Locale.ROOT);
        String ipKey = "ip:" + addresses.of(ctx);
        failuresPerIp.check(ipKey).orThrottle();
        failuresPerAccount.check(accountKey).orThrottle();
        SignedIn signedIn;
        try {
            signedIn = signIn.signIn(email, password);
        } catch (SignInFailedException e) {
            failuresPerIp.recordFailure(ipKey);
            failuresPerAccount.recordFailure(accountKey);
            throw new ApiException(401, e.getMessage(), Map.of());
        }
        failuresPerAccount.reset(accountKey);
        sessions.cookie(ctx).ifPresent(signOut::signOut);
        sessions.setCookie(ctx, signedIn.started().id().value());
        ctx.header("Cache-Control", "no-store");
        return signedIn;
    }

    /** {@code GET /console/api/session}: the user, their workspaces and roles, their key masked, the CSRF token. */
    public void session(Context ctx) {
        Optional<String> id = sessions.cookie(ctx);
        ActiveSession active = id.flatMap(x -> sessions.current(ctx)).orElseThrow(ConsoleSessions::ended);
        ctx.header("Cache-Control", "no-store");
        Json.respond(ctx, 200, Map.of("data", render(describe.describe(active.principal()), id.get(),
                active.session().createdAt(), Optional.of(active.endsAt()))));
    }

    /** {@code DELETE /console/api/session}: signs out (with the CSRF token) and clears the cookie. */
    public void signOut(Context ctx) {
        Optional<String> id = sessions.cookie(ctx);
        if (id.isPresent() && sessions.current(ctx).isPresent()) {
            sessions.requireCsrf(ctx, id.get());
            signOut.signOut(id.get());
        }
        sessions.clearCookie(ctx);
        ctx.status(204);
    }

    private static Map<String, Object> render(ConsoleAccount account, String sessionId, Instant createdAt,
                                              Optional<Instant> endsAt) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", account.user().id().value());
        user.put("email", account.user().email());
        user.put("username", account.user().username());
        List<Map<String, Object>> workspaces = account.workspaces().stream().map(w -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", w.workspace().id().value());
            out.put("orgname", w.workspace().orgname());
            out.put("name", w.workspace().name());
            out.put("role", w.role().wireName());
            return out;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("workspaces", workspaces);
        out.put("api_key", account.apiKey().map(key -> {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("masked", key.masked());
            k.put("created_at", Json.timestamp(key.createdAt()));
            return k;
        }).orElse(null));
        out.put("csrf_token", ConsoleSessions.csrfToken(sessionId));
        out.put("signed_in_at", Json.timestamp(createdAt));
        out.put("expires_at", endsAt.map(Json::timestamp).orElse(null));
        return out;
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw ApiException.badRequest(field + " is required and must be a non-empty string");
        }
        return node.asText();
    }

    private static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "sign in with a JSON body: Content-Type: application/json", Map.of());
        }
    }

    /**
     * A browser names the page's origin; a sign-in posted from another site's page is refused. The console's own
     * origin is the one the request was sent to ({@code Host}), or the issuer's, as seen behind a proxy.
     */
    private void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String host = ctx.header("Host");
        String sent = origin(origin);
        if (sent != null && (sent.equalsIgnoreCase(issuerOrigin) || host != null && sent.endsWith("//" + host.toLowerCase(Locale.ROOT)))) {
            return;
        }
        throw ApiException.forbidden("sign-in is accepted only from the console's own pages");
    }

    /** {@code scheme://authority} of a URL, lower-cased; null when it is not one. */
    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return null;
            }
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
