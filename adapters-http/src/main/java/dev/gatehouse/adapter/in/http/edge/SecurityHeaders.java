package dev.gatehouse.adapter.in.http.edge;

import io.javalin.http.Context;

/**
 * The response headers every answer carries: {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer} everywhere; {@code Strict-Transport-Security} when the server is
 * reached over https (its issuer is an https URL, or the request itself came over https); and on the web
 * console, a strict {@code Content-Security-Policy} with {@code frame-ancestors 'none'} and
 * {@code X-Frame-Options: DENY}. The reference page at {@code /docs} sets its own policy, which lets Swagger UI's
 * inline styles through (see {@code DocsEndpoints}).
 */
public final class SecurityHeaders {

    public static final String CONSOLE = "/console";
    public static final String CONSOLE_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    /** One year, the value HSTS preload lists ask for; subdomains are left to the operator. */
    public static final String HSTS = "max-age=31536000";

    private final boolean httpsIssuer;

    public SecurityHeaders(String issuer) {
        this.httpsIssuer = issuer.regionMatches(true, 0, "https://", 0, 8);
    }

    public void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (httpsIssuer || "https".equalsIgnoreCase(ctx.scheme())) {
            ctx.header("Strict-Transport-Security", HSTS);
        }
        String path = ctx.path();
        if (path.equals(CONSOLE) || path.startsWith(CONSOLE + "/")) {
            ctx.header("Content-Security-Policy", CONSOLE_POLICY);
            ctx.header("X-Frame-Options", "DENY");
        }
    }
}
