package dev.gatehouse.adapter.in.http;

import dev.gatehouse.adapter.in.http.client.OAuthClientEndpoints;
import dev.gatehouse.adapter.in.http.common.Access;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.ErrorHandlers;
import dev.gatehouse.adapter.in.http.oauth.JwksEndpoint;
import dev.gatehouse.adapter.in.http.oauth.MetadataEndpoint;
import dev.gatehouse.adapter.in.http.oauth.TokenEndpoint;
import dev.gatehouse.adapter.in.http.ops.HealthEndpoints;
import dev.gatehouse.adapter.in.http.workspace.WorkspaceEndpoints;
import io.javalin.Javalin;

/** The Javalin application: every route and error handler, declared up front. */
public final class GatehouseHttpServer implements AutoCloseable {

    /** Largest request body accepted (the event endpoint's 64 KiB plus room). */
    private static final long MAX_REQUEST_BYTES = 128 * 1024;

    private final Javalin app;

    private GatehouseHttpServer(Javalin app) {
        this.app = app;
    }

    /** Builds the server; {@link #start()} binds it. */
    public static GatehouseHttpServer create(HttpUseCases useCases, HttpSettings settings) {
        BearerAuth auth = new BearerAuth(useCases.authenticateBearer());
        TokenEndpoint token = new TokenEndpoint(useCases.issueAccessToken());
        MetadataEndpoint metadata = new MetadataEndpoint(settings.issuer(), useCases.scopeCatalog());
        JwksEndpoint jwks = new JwksEndpoint(useCases.jwks());
        OAuthClientEndpoints clients = new OAuthClientEndpoints(useCases.createOAuthClient(), useCases.listOAuthClients());
        WorkspaceEndpoints workspaces = new WorkspaceEndpoints(useCases.getWorkspace(), useCases.getCurrentUser());
        HealthEndpoints health = new HealthEndpoints(useCases.databaseReachable());

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.router.ignoreTrailingSlashes = true;
            ErrorHandlers.register(config);

            config.routes.get("/health", health::health);
            config.routes.get("/ready", health::ready);
            config.routes.get(MetadataEndpoint.PATH, metadata::handle);
            config.routes.get(MetadataEndpoint.JWKS_PATH, jwks::handle);
            config.routes.post(TokenEndpoint.PATH, token::handle);
            config.routes.get(WorkspaceEndpoints.ME, auth.protect(Access.apiKey(), workspaces::me));
            config.routes.get(WorkspaceEndpoints.WORKSPACE, auth.protect(Access.apiKeyOrOauth("workspace:read"), workspaces::workspace));
            config.routes.post(OAuthClientEndpoints.COLLECTION, auth.protect(Access.apiKey(), clients::create));
            config.routes.get(OAuthClientEndpoints.COLLECTION, auth.protect(Access.apiKey(), clients::list));
            config.routes.get(OAuthClientEndpoints.ITEM, auth.protect(Access.apiKey(), clients::get));
        });
        return new GatehouseHttpServer(app);
    }

    public GatehouseHttpServer start() {
        app.start();
        return this;
    }

    /** The port actually bound (the real one when 0 was asked for). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
