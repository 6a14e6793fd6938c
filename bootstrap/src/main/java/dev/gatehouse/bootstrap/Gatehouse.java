package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.http.GatehouseHttpServer;
import dev.gatehouse.adapter.in.http.HttpSettings;
import dev.gatehouse.adapter.in.http.HttpUseCases;
import dev.gatehouse.adapter.out.jose.JoseAccessTokens;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.Pbkdf2PasswordHasher;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.client.service.CreateOAuthClientService;
import dev.gatehouse.application.client.service.ListOAuthClientsService;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.service.ClientAuthenticator;
import dev.gatehouse.application.token.service.GetJsonWebKeySetService;
import dev.gatehouse.application.token.service.IssueAccessTokenService;
import dev.gatehouse.application.workspace.port.in.BootstrapCredentials;
import dev.gatehouse.application.workspace.service.BootstrapInstallationService;
import dev.gatehouse.application.workspace.service.GetCurrentUserService;
import dev.gatehouse.application.workspace.service.GetWorkspaceService;
import dev.gatehouse.domain.scope.ScopeCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** A running Gatehouse server: the wiring of every port and use case with plain {@code new}. */
public final class Gatehouse implements AutoCloseable {

    private final Database database;
    private final GatehouseHttpServer http;
    private final String host;
    private final String issuer;

    private Gatehouse(Database database, GatehouseHttpServer http, String host, String issuer) {
        this.database = database;
        this.http = http;
        this.host = host;
        this.issuer = issuer;
    }

    /**
     * Opens the database (migrating it), bootstraps an empty one, and starts the HTTP server. The first
     * start's credentials are printed to {@code out} and written to the bootstrap file, if one is set.
     */
    public static Gatehouse start(ServerConfig config, PrintStream out) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        int port = config.port() == 0 && config.issuer().isEmpty() ? freePort(config.host()) : config.port();
        String issuer = config.issuer().map(Gatehouse::stripTrailingSlash).orElse("http://localhost:" + port);
        ScopeCatalog catalog = ScopeCatalog.standard();

        Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
        try {
            var bootstrap = new BootstrapInstallationService(database.installations(), new Pbkdf2PasswordHasher(),
                    database.auditLog(), clock, random);
            Optional<BootstrapCredentials> created = bootstrap.bootstrapIfEmpty();
            created.ifPresent(credentials -> {
                config.bootstrapFile().ifPresent(file -> BootstrapReport.write(credentials, file));
                BootstrapReport.print(credentials, out);
            });

            JoseAccessTokens tokens = JoseAccessTokens.loadOrCreate(database.signingKeys(), issuer, clock);
            WorkspaceAccess access = new WorkspaceAccess(database.workspaces());
            TokenPolicy policy = new TokenPolicy(issuer, config.tokenTtl());
            ClientAuthenticator authenticator = new ClientAuthenticator(database.clients(), database.auditLog(), clock);
            HttpUseCases useCases = new HttpUseCases(
                    new AuthenticateBearerService(database.apiKeys(), tokens, database.clients(), clock),
                    new IssueAccessTokenService(authenticator, database.clients(), tokens, catalog, policy, clock, random),
                    new GetJsonWebKeySetService(tokens),
                    new CreateOAuthClientService(database.clients(), access, catalog, database.auditLog(), clock, random),
                    new ListOAuthClientsService(database.clients(), access),
                    new GetWorkspaceService(database.workspaces(), access),
                    new GetCurrentUserService(database.users(), database.workspaces()),
                    catalog,
                    database::isReachable);
            GatehouseHttpServer http = GatehouseHttpServer.create(useCases, new HttpSettings(config.host(), port, issuer)).start();
            Gatehouse gatehouse = new Gatehouse(database, http, config.host(), issuer);
            out.println("gatehouse listening on " + gatehouse.baseUrl());
            out.flush();
            return gatehouse;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The URL the server answers on, with the port it really bound. */
    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
    }

    public String issuer() {
        return issuer;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            database.close();
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A port that was free a moment ago, so that the default issuer can name it before the server binds. */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }
}
