package dev.gatehouse.adapter.in.http.console;

import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.SessionCredential;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases;
import dev.gatehouse.application.console.port.in.ConsoleSessionUseCases.ActiveSession;
import dev.gatehouse.domain.principal.Principal;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The console's session cookie and its CSRF token. The cookie is {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Path=/}, and {@code Secure} with the {@code __Host-} name prefix when the server is reached over https.
 * The CSRF token is derived from the session id (a SHA-256 of it under a fixed label), so nothing more is stored,
 * and the token tells nothing about the id. The page reads it from {@code GET /console/api/session} and sends it
 * as {@value #CSRF_HEADER} on every request that changes something; it is compared in constant time.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html">OWASP CSRF Prevention</a>
 */
public final class ConsoleSessions implements SessionCredential {

    public static final String COOKIE = "gatehouse_session";
    public static final String SECURE_COOKIE = "__Host-" + COOKIE;
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSRF_LABEL = "gatehouse console csrf\u0000";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String ATTRIBUTE = ConsoleSessions.class.getName();
    /** How often an open stream asks whether its session is still live. */
    static final long RECHECK_MILLIS = 2_000;

    private final ConsoleSessionUseCases.ResumeSessionUseCase resume;
    private final boolean httpsIssuer;

    public ConsoleSessions(ConsoleSessionUseCases.ResumeSessionUseCase resume, String issuer) {
        this.resume = resume;
        this.httpsIssuer = issuer.regionMatches(true, 0, "https://", 0, "https://".length());
    }

    @Override
    public Optional<Principal> authenticate(Context ctx) {
        Optional<String> id = cookie(ctx);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        ActiveSession session = resume(ctx, id.get()).orElseThrow(ConsoleSessions::ended);
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            requireCsrf(ctx, id.get());
        }
        ctx.attribute(STILL_LIVE, stillLive(id.get()));
        return Optional.of(session.principal());
    }

    /** A check that the session is still live, asking the store at most every {@value #RECHECK_MILLIS} ms. */
    private BooleanSupplier stillLive(String id) {
        long[] checkedAt = {System.nanoTime()};
        boolean[] live = {true};
        return () -> {
            long now = System.nanoTime();
            if (live[0] && now - checkedAt[0] >= RECHECK_MILLIS * 1_000_000L) {
                checkedAt[0] = now;
                live[0] = resume.isStillLive(id);
            }
            return live[0];
        };
    }

    /** The live session behind the request's cookie, remembered for the rest of the request. */
    Optional<ActiveSession> current(Context ctx) {
        return cookie(ctx).flatMap(id -> resume(ctx, id));
    }

    private Optional<ActiveSession> resume(Context ctx, String id) {
        ActiveSession cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ActiveSession> session = resume.resume(id);
        session.ifPresent(s -> ctx.attribute(ATTRIBUTE, s));
        return session;
    }

    /** The session id in the request's cookie, if there is one. */
    Optional<String> cookie(Context ctx) {
        return Optional.ofNullable(ctx.cookie(cookieName(ctx))).filter(value -> !value.isBlank());
    }

    /** 403 unless the request carries the CSRF token of session {@code id}. */
    void requireCsrf(Context ctx, String id) {
        String sent = ctx.header(CSRF_HEADER);
        byte[] expected = csrfToken(id).getBytes(StandardCharsets.US_ASCII);
        if (sent == null || !MessageDigest.isEqual(expected, sent.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.forbidden("a console request that changes something must carry the session's "
                    + CSRF_HEADER + " header");
        }
    }

    /** The CSRF token of session {@code id}: base64url of SHA-256 over a fixed label and the id. */
    static String csrfToken(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((CSRF_LABEL + id).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Sets the cookie that carries session {@code id}; it lasts as long as the browser, the server ends it sooner. */
    void setCookie(Context ctx, String id) {
        ctx.res().addHeader("Set-Cookie", cookieName(ctx) + "=" + id + attributes(ctx));
    }

    /** Tells the browser to forget the cookie. */
    void clearCookie(Context ctx) {
        ctx.res().addHeader("Set-Cookie", cookieName(ctx) + "=" + attributes(ctx) + "; Max-Age=0");
    }

    private String attributes(Context ctx) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : "");
    }

    private String cookieName(Context ctx) {
        return secure(ctx) ? SECURE_COOKIE : COOKIE;
    }

    boolean secure(Context ctx) {
        return httpsIssuer || "https".equalsIgnoreCase(ctx.scheme());
    }

    static ApiException ended() {
        return new ApiException(401, "the console session has ended; sign in again",
                Map.of("WWW-Authenticate", "Bearer realm=\"" + BearerAuth.REALM + "\""));
    }
}
