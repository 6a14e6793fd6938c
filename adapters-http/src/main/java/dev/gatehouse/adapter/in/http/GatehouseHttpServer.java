package dev.gatehouse.adapter.in.http;

import dev.gatehouse.adapter.in.http.client.OAuthClientEndpoints;
import dev.gatehouse.adapter.in.http.common.Access;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.ClientAddress;
import dev.gatehouse.adapter.in.http.common.RateLimiter;
import dev.gatehouse.adapter.in.http.edge.CorsOrigins;
import dev.gatehouse.adapter.in.http.edge.JettyCacheLines;
import dev.gatehouse.adapter.in.http.edge.JettyLimits;
import dev.gatehouse.adapter.in.http.edge.RequestLog;
import dev.gatehouse.adapter.in.http.edge.SecurityHeaders;
import dev.gatehouse.adapter.in.http.oauth.OAuthThrottle;
import dev.gatehouse.adapter.in.http.source.SseStreamLimit;
import dev.gatehouse.adapter.in.http.common.ErrorHandlers;
import dev.gatehouse.adapter.in.http.console.ConsoleEndpoints;
import dev.gatehouse.adapter.in.http.console.ConsolePages;
import dev.gatehouse.adapter.in.http.console.ConsoleSessions;
import dev.gatehouse.adapter.in.http.docs.DocsEndpoints;
import dev.gatehouse.adapter.in.http.oauth.IntrospectionEndpoint;
import dev.gatehouse.adapter.in.http.oauth.JwksEndpoint;
import dev.gatehouse.adapter.in.http.oauth.MetadataEndpoint;
import dev.gatehouse.adapter.in.http.oauth.RevocationEndpoint;
import dev.gatehouse.adapter.in.http.oauth.TokenEndpoint;
import dev.gatehouse.adapter.in.http.ops.HealthEndpoints;
import dev.gatehouse.adapter.in.http.project.ProjectEndpoints;
import dev.gatehouse.adapter.in.http.source.SourceEndpoints;
import dev.gatehouse.adapter.in.http.source.SseWriter;
import dev.gatehouse.adapter.in.http.workspace.ApiKeyEndpoints;
import dev.gatehouse.adapter.in.http.workspace.MemberEndpoints;
import dev.gatehouse.adapter.in.http.workspace.WorkspaceEndpoints;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Javalin application: every route, with the credentials it accepts, and every error handler, declared
 * up front. SSE streams hold no request thread (see {@link SseWriter}), so the pool is sized for requests in
 * flight, not for open streams.
 */
public final class GatehouseHttpServer implements AutoCloseable {

    private static final int MAX_THREADS = 200;

    private final Javalin app;
    private final SseWriter streams;

    private GatehouseHttpServer(Javalin app, SseWriter streams) {
        this.app = app;
        this.streams = streams;
    }

    /** Builds the server; {@link #start()} binds it. */
    public static GatehouseHttpServer create(HttpUseCases useCases, HttpSettings settings) {
        JettyCacheLines.preset();
        SseWriter streams = new SseWriter(settings.sseHeartbeat(), Clock.systemUTC());
        ClientAddress addresses = ClientAddress.trusting(settings.trustedProxies());
        ConsoleSessions consoleSessions = new ConsoleSessions(useCases.resumeSession(), settings.issuer());
        BearerAuth auth = new BearerAuth(useCases.authenticateBearer(),
                RateLimiter.of(settings.rateLimits().failedBearerPerIp(), Duration.ofMinutes(1)), addresses, consoleSessions);
        OAuthThrottle oauthLimits = new OAuthThrottle(settings.rateLimits(), addresses);
        SseStreamLimit streamLimit = new SseStreamLimit(settings.requestLimits().sseStreamsPerPrincipal());
        RequestLog requestLog = new RequestLog(addresses);
        SecurityHeaders securityHeaders = new SecurityHeaders(settings.issuer());
        TokenEndpoint token = new TokenEndpoint(useCases.issueAccessToken());
        IntrospectionEndpoint introspection = new IntrospectionEndpoint(useCases.introspectToken());
        RevocationEndpoint revocation = new RevocationEndpoint(useCases.revokeToken());
        MetadataEndpoint metadata = new MetadataEndpoint(settings.issuer(), useCases.scopeCatalog());
        JwksEndpoint jwks = new JwksEndpoint(useCases.jwks());
        OAuthClientEndpoints clients = new OAuthClientEndpoints(useCases.createOAuthClient(), useCases.listOAuthClients(),
                useCases.updateOAuthClient(), useCases.rotateClientSecret(), useCases.deleteOAuthClient());
        ProjectEndpoints projects = new ProjectEndpoints(useCases.listProjects(), useCases.createProject(), useCases.getProject(),
                useCases.updateProject(), useCases.deleteProject());
        MemberEndpoints members = new MemberEndpoints(useCases.listMembers(), useCases.addMember(), useCases.changeMemberRole(),
                useCases.removeMember());
        WorkspaceEndpoints workspaces = new WorkspaceEndpoints(useCases.getWorkspace(), useCases.getCurrentUser());
        ApiKeyEndpoints apiKeys = new ApiKeyEndpoints(useCases.revokeApiKey());
        SourceEndpoints sources = new SourceEndpoints(useCases.createSource(), useCases.getSource(), useCases.deleteSource(),
                useCases.emitEvent(), useCases.subscribeToSource(), useCases.subscribeToAudit(), useCases.authenticateBearer(),
                streams);
        HealthEndpoints health = new HealthEndpoints(useCases.databaseReachable());
        DocsEndpoints docs = DocsEndpoints.fromClasspath();
        ConsolePages consolePages = ConsolePages.fromClasspath(consoleSessions);
        ConsoleEndpoints console = new ConsoleEndpoints(useCases.signIn(), useCases.signOut(), useCases.describeAccount(),
                consoleSessions, settings.rateLimits().consoleSignInFailures(), settings.issuer(), addresses);

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
            threads.setName("gatehouse-http");
            config.jetty.threadPool = threads;
            JettyLimits.apply(config, settings.host(), settings.port(), settings.requestLimits());
            CorsOrigins.register(config, settings.corsOrigins());
            config.routes.before(requestLog::begin);
            config.routes.before(securityHeaders::apply);
            config.requestLogger.http(requestLog::end);
            config.router.ignoreTrailingSlashes = true;
            ErrorHandlers.register(config);

            // Javalin tries a GET against each GET route in turn, a path with a parameter by a regex each time (and an
            // exact path by equality first), so the bearer-protected GET that API calls make most comes straight after
            // /health, ahead of regexes that would fail on it; the pages for people come last (docs/performance.md)
            config.routes.get("/health", health::health);
            config.routes.get(WorkspaceEndpoints.WORKSPACE, auth.protect(Access.apiKeyOrOauth("workspace:read"), workspaces::workspace));
            config.routes.get("/ready", health::ready);
            config.routes.get(MetadataEndpoint.PATH, metadata::handle);
            config.routes.get(MetadataEndpoint.JWKS_PATH, jwks::handle);
            config.routes.post(TokenEndpoint.PATH, oauthLimits.tokenRequests(token::handle));
            config.routes.post(MetadataEndpoint.INTROSPECTION_PATH, oauthLimits.clientAuthenticated(introspection::handle));
            config.routes.post(MetadataEndpoint.REVOCATION_PATH, oauthLimits.clientAuthenticated(revocation::handle));

            config.routes.get(WorkspaceEndpoints.ME, auth.protect(Access.apiKey(), workspaces::me));
            config.routes.post(ApiKeyEndpoints.REVOKE, auth.protect(Access.apiKey(), apiKeys::revoke));
            config.routes.post(OAuthClientEndpoints.COLLECTION, auth.protect(Access.apiKey(), clients::create));
            config.routes.get(OAuthClientEndpoints.COLLECTION, auth.protect(Access.apiKey(), clients::list));
            config.routes.get(OAuthClientEndpoints.ITEM, auth.protect(Access.apiKey(), clients::get));
            config.routes.patch(OAuthClientEndpoints.ITEM, auth.protect(Access.apiKey(), clients::update));
            config.routes.delete(OAuthClientEndpoints.ITEM, auth.protect(Access.apiKey(), clients::delete));
            config.routes.post(OAuthClientEndpoints.ROTATE, auth.protect(Access.apiKey(), clients::rotate));
            config.routes.get(MemberEndpoints.COLLECTION, auth.protect(Access.apiKey(), members::list));
            config.routes.post(MemberEndpoints.COLLECTION, auth.protect(Access.apiKey(), members::add));
            config.routes.patch(MemberEndpoints.ITEM, auth.protect(Access.apiKey(), members::change));
            config.routes.delete(MemberEndpoints.ITEM, auth.protect(Access.apiKey(), members::remove));

            config.routes.get(ProjectEndpoints.COLLECTION, auth.protect(Access.oauth("connect:projects:read"), projects::list));
            config.routes.post(ProjectEndpoints.COLLECTION, auth.protect(Access.oauth("connect:projects:write"), projects::create));
            config.routes.get(ProjectEndpoints.ITEM, auth.protect(Access.oauth("connect:projects:read"), projects::get));
            config.routes.patch(ProjectEndpoints.ITEM, auth.protect(Access.oauth("connect:projects:write"), projects::update));
            config.routes.delete(ProjectEndpoints.ITEM, auth.protect(Access.oauth("connect:projects:write"), projects::delete));
            config.routes.get(SourceEndpoints.AUDIT_SSE, auth.protect(Access.apiKeyOrOauth("audit:read"), streamLimit.limit(sources::auditStream)));

            config.routes.post(SourceEndpoints.COLLECTION, auth.protect(Access.apiKey(), sources::create));
            config.routes.get(SourceEndpoints.ITEM, auth.protect(Access.apiKeyOrOauth("sources:read"), sources::get));
            config.routes.delete(SourceEndpoints.ITEM, auth.protect(Access.apiKeyOrOauth("sources:write"), sources::delete));
            config.routes.post(SourceEndpoints.EVENTS, auth.protect(Access.apiKeyOrOauth("sources:write"), sources::emit));
            config.routes.get(SourceEndpoints.SSE, auth.protect(Access.apiKeyOrOauth("sources:read"), streamLimit.limit(sources::stream)));
            config.routes.get(SourceEndpoints.SSE_UNVERSIONED, auth.protect(Access.apiKeyOrOauth("sources:read"), streamLimit.limit(sources::stream)));

            // Pages for people last (see /health above)
            config.routes.get(DocsEndpoints.SPEC, docs::spec);
            config.routes.get(DocsEndpoints.PAGE, docs::page);
            config.routes.get(DocsEndpoints.ASSET, docs::asset);
            config.routes.get(ConsolePages.ROOT, consolePages::root);
            config.routes.get(ConsolePages.PAGE, consolePages::page);
            config.routes.get(ConsolePages.ASSET, consolePages::asset);
            config.routes.post(ConsolePages.LOGIN, console::signInForm);
            config.routes.post(ConsoleEndpoints.SESSION, console::signIn);
            config.routes.get(ConsoleEndpoints.SESSION, console::session);
            config.routes.delete(ConsoleEndpoints.SESSION, console::signOut);
        });
        return new GatehouseHttpServer(app, streams);
    }

    public GatehouseHttpServer start() {
        app.start();
        return this;
    }

    /** Every HTTP route as {@code METHOD path}, read back from the router; the docs test compares them with the OpenAPI spec. */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(route -> route.endpoint.method.isHttpMethod())
                .map(route -> route.endpoint.method.name() + " " + route.endpoint.path)
                .toList();
    }

    /** The port actually bound (the real one when 0 was asked for). */
    public int port() {
        return app.port();
    }

    /** Ends open SSE streams, then stops the server. */
    @Override
    public void close() {
        streams.close();
        app.stop();
    }
}
