package dev.gatehouse.adapter.in.http.edge;

import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cross-origin requests, off by default: with no allowed origins no {@code Access-Control-*} header is ever
 * sent, so a browser page on another origin cannot read any answer. With an allowlist, Javalin's CORS plugin
 * answers those origins (and their preflight requests) and no others. Credentials travel as bearer headers,
 * never as cookies, so {@code Access-Control-Allow-Credentials} is never sent.
 */
public final class CorsOrigins {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    /** The headers a browser script may read: rate limits, the request id and the bearer challenge. */
    static final List<String> EXPOSED = List.of("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
            RequestLog.HEADER, "WWW-Authenticate");
    private static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private CorsOrigins() {}

    /** Whether {@code origin} is a scheme, host and optional port, as browsers send it. */
    public static boolean isOrigin(String origin) {
        return ORIGIN.matcher(origin).matches();
    }

    public static void register(JavalinConfig config, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        for (String origin : origins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException("a CORS origin is a scheme, a host and an optional port, without a path: " + origin);
            }
        }
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
            EXPOSED.forEach(rule::exposeHeader);
            rule.maxAge = PREFLIGHT_MAX_AGE_SECONDS;
        }));
    }
}
