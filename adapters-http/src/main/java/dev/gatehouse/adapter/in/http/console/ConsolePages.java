package dev.gatehouse.adapter.in.http.console;

import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.edge.SecurityHeaders;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The console's pages and assets, plain HTML, CSS and JavaScript from the classpath (no build step, no CDN).
 * The pages carry no inline script or style, so they run under {@code default-src 'self'}. A page of the
 * signed-in console redirects to the sign-in page when there is no live session, and the sign-in page to the
 * console when there is one.
 */
public final class ConsolePages {

    public static final String ROOT = "/console";
    public static final String PAGE = "/console/{page}";
    public static final String ASSET = "/console/assets/{file}";
    public static final String LOGIN = "/console/login";
    public static final String HOME = "/console/clients";

    private static final String HERE = "/dev/gatehouse/adapter/in/http/console/";
    private static final Set<String> APP_PAGES = Set.of("clients", "account", "members", "audit");
    private static final Map<String, String> ASSETS = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "login.js", "text/javascript; charset=utf-8",
            "common.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final ConsoleSessions sessions;
    private final byte[] app;
    private final byte[] login;
    private final Map<String, byte[]> assets;

    private ConsolePages(ConsoleSessions sessions, byte[] app, byte[] login, Map<String, byte[]> assets) {
        this.sessions = sessions;
        this.app = app;
        this.login = login;
        this.assets = assets;
    }

    /** Reads every file now, so that a jar built without them fails at start, not on a request. */
    public static ConsolePages fromClasspath(ConsoleSessions sessions) {
        Map<String, byte[]> assets = new java.util.HashMap<>();
        ASSETS.keySet().forEach(name -> assets.put(name, read(HERE + "assets/" + name)));
        return new ConsolePages(sessions, read(HERE + "app.html"), read(HERE + "login.html"), Map.copyOf(assets));
    }

    /** {@code GET /console}: to the clients page, or to sign-in. */
    public void root(Context ctx) {
        ctx.redirect(sessions.current(ctx).isPresent() ? HOME : LOGIN, HttpStatus.FOUND);
    }

    /** {@code GET /console/{page}}: the sign-in page, or one of the console's pages. */
    public void page(Context ctx) {
        String page = ctx.pathParam("page");
        boolean signedIn = sessions.current(ctx).isPresent();
        if (page.equals("login")) {
            if (signedIn) {
                ctx.redirect(HOME, HttpStatus.FOUND);
                return;
            }
            html(ctx, login);
            return;
        }
        if (!APP_PAGES.contains(page)) {
            throw ApiException.notFound("no such console page");
        }
        if (!signedIn) {
            ctx.redirect(LOGIN, HttpStatus.FOUND);
            return;
        }
        html(ctx, app);
    }

    /** {@code GET /console/assets/{file}}: the console's styles, scripts and icon. */
    public void asset(Context ctx) {
        String file = ctx.pathParam("file");
        byte[] body = assets.get(file);
        if (body == null) {
            throw ApiException.notFound("no such console file");
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(ASSETS.get(file)).result(body);
    }

    /** A page; its CSP, nosniff and Referrer-Policy come from {@link SecurityHeaders}, as for every console path. */
    private static void html(Context ctx, byte[] page) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsolePages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the classpath lacks " + resource + "; build the jar with Maven");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
