package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.http.GatehouseHttpServer;
import dev.gatehouse.adapter.in.http.HttpSettings;
import dev.gatehouse.adapter.in.http.HttpUseCases;
import dev.gatehouse.adapter.out.jose.JoseAccessTokens;
import dev.gatehouse.adapter.out.jose.RsaSigners;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.Pbkdf2PasswordHasher;
import dev.gatehouse.application.apikey.service.RevokeApiKeyService;
import dev.gatehouse.application.audit.service.AnnouncingAuditLog;
import dev.gatehouse.application.audit.service.AuthenticationFailureAggregator;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.client.service.CreateOAuthClientService;
import dev.gatehouse.application.cluster.port.out.ClusterSignals;
import dev.gatehouse.application.console.port.in.ConsoleSessionPolicy;
import dev.gatehouse.application.console.service.ConsoleSessionService;
import dev.gatehouse.application.client.service.ListOAuthClientsService;
import dev.gatehouse.application.client.service.ManageOAuthClientService;
import dev.gatehouse.application.project.service.ProjectService;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.source.port.in.SourceSettings;
import dev.gatehouse.application.source.service.AuditStreamService;
import dev.gatehouse.application.source.service.EventHub;
import dev.gatehouse.application.source.service.SourceService;
import dev.gatehouse.application.token.port.in.TokenPolicy;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.service.ClientAuthenticator;
import dev.gatehouse.application.token.service.RecentClients;
import dev.gatehouse.application.token.service.GetJsonWebKeySetService;
import dev.gatehouse.application.token.service.IssueAccessTokenService;
import dev.gatehouse.application.token.service.LastUsedTracker;
import dev.gatehouse.application.token.service.SigningKeyRotationService;
import dev.gatehouse.application.token.service.SigningKeySchedule;
import dev.gatehouse.application.token.service.TokenReuse;
import dev.gatehouse.application.token.service.TokenRevocationService;
import dev.gatehouse.application.workspace.port.in.BootstrapCredentials;
import dev.gatehouse.application.workspace.service.BootstrapInstallationService;
import dev.gatehouse.application.workspace.service.GetCurrentUserService;
import dev.gatehouse.application.workspace.service.GetWorkspaceService;
import dev.gatehouse.application.workspace.service.MemberService;
import dev.gatehouse.application.workspace.service.RecentMemberships;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Gatehouse server: the wiring of every port and use case with plain {@code new}. */
public final class Gatehouse implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);
    /** Verified tokens and API keys remembered by each server. */
    private static final int CREDENTIAL_CACHE_SIZE = 10_000;
    /** No token lives longer than this (the longest --token-ttl), so an old key is published this long after its successor signs. */
    private static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(1);
    private static final long KEY_RELOAD_SECONDS = 2;

    private final Database database;
    private final GatehouseHttpServer http;
    private final ScheduledExecutorService maintenance;
    private final AuthenticationFailureAggregator failures;
    private final LastUsedTracker lastUsed;
    private final String host;
    private final String issuer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gatehouse(Database database, GatehouseHttpServer http, ScheduledExecutorService maintenance,
                      AuthenticationFailureAggregator failures, LastUsedTracker lastUsed, String host, String issuer) {
        this.database = database;
        this.http = http;
        this.maintenance = maintenance;
        this.failures = failures;
        this.lastUsed = lastUsed;
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

        Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gatehouse-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Before anything is written: a server whose master key is not the database's starts no further.
            SigningKeyRepository signingKeys = MasterKeys.openSigningKeys(database, config.masterKey(), config.dbUrl(), true, random);
            Pbkdf2PasswordHasher passwords = new Pbkdf2PasswordHasher();
            var bootstrap = new BootstrapInstallationService(database.installations(), passwords,
                    database.auditLog(), clock, random);
            Optional<BootstrapCredentials> created = bootstrap.bootstrapIfEmpty();
            created.ifPresent(credentials -> {
                config.bootstrapFile().ifPresent(file -> BootstrapReport.write(credentials, file));
                BootstrapReport.print(credentials, out);
            });

            // the use cases record through it, so that the audit streams read a stored event at once
            AnnouncingAuditLog auditLog = new AnnouncingAuditLog(database.auditLog(), database.transactions());
            SigningKeySchedule keySchedule = new SigningKeySchedule(MAX_TOKEN_LIFETIME);
            JoseAccessTokens tokens = JoseAccessTokens.loadOrCreate(signingKeys, keySchedule, issuer, clock);
            Runnable loadSignatures = chooseSignatures(config.signatureProvider(), tokens);
            WorkspaceAccess access = new WorkspaceAccess(database.workspaces());
            TokenPolicy policy = new TokenPolicy(issuer, config.tokenTtl());
            AuthenticationFailureAggregator failures = new AuthenticationFailureAggregator(auditLog, clock);
            // a client asking for tokens many times a second is read from the database once a second, unless it changes
            RecentClients recentClients = new RecentClients(database.clients(), clock, config.recentClients());
            ClientAuthenticator authenticator = new ClientAuthenticator(recentClients, failures, clock);
            CredentialRevocations revocations = new CredentialRevocations(database.revokedTokens(), database.apiKeys(),
                    database.clients(), clock);
            LastUsedTracker lastUsed = new LastUsedTracker(database.clients());
            ManageOAuthClientService manageClients = new ManageOAuthClientService(database.clients(), access, catalog, revocations,
                    auditLog, clock, random, auditLog);
            ProjectService projects = new ProjectService(database.projects(), auditLog, clock, random);
            RecentMemberships memberships = new RecentMemberships(database.workspaces(), clock);
            MemberService members = new MemberService(database.workspaces(), database.users(), passwords,
                    auditLog, clock, random, memberships);
            SourceService sources = new SourceService(database.sources(), database.workspaces(), new EventHub(),
                    new SourceSettings(config.eventRetentionCount(), config.eventRetentionAge(), SourceSettings.DEFAULTS.streamBuffer()),
                    clock, random);
            ConsoleSessionService consoleSessions = new ConsoleSessionService(database.consoleSessions(), database.users(),
                    database.workspaces(), database.apiKeys(), passwords, ConsoleSessionPolicy.DEFAULTS, clock, random);
            TokenRevocationService tokenRevocation = new TokenRevocationService(authenticator, tokens, database.clients(),
                    revocations, auditLog, clock);
            AuditStreamService auditStreams = new AuditStreamService(database.auditLog(), access, maintenance);
            HttpUseCases useCases = new HttpUseCases(
                    new AuthenticateBearerService(database.apiKeys(), tokens, database.clients(), revocations, clock,
                            CREDENTIAL_CACHE_SIZE),
                    new IssueAccessTokenService(authenticator, lastUsed, tokens, catalog, policy, clock, random,
                            config.tokenReuse() ? new TokenReuse(revocations, policy.ttl(), CREDENTIAL_CACHE_SIZE) : TokenReuse.off()),
                    tokenRevocation,
                    tokenRevocation,
                    new GetJsonWebKeySetService(tokens),
                    new CreateOAuthClientService(database.clients(), access, catalog, auditLog, clock, random,
                            auditLog),
                    new ListOAuthClientsService(database.clients(), access),
                    manageClients, manageClients, manageClients,
                    projects, projects, projects, projects, projects,
                    members, members, members, members,
                    new GetWorkspaceService(database.workspaces(), memberships),
                    new GetCurrentUserService(database.users(), database.workspaces()),
                    new RevokeApiKeyService(database.apiKeys(), database.workspaces(), revocations, auditLog, clock, random),
                    sources, sources, sources, sources, sources,
                    auditStreams,
                    catalog,
                    database::isReachable,
                    consoleSessions, consoleSessions, consoleSessions, consoleSessions);

            ClusterSignals signals = database.clusterSignals();
            auditLog.onStored(workspace -> {
                // every change to a client is audited (a deleted project's too, which leaves its clients' restrictions):
                // told after the commit, so the remembered clients are forgotten before the change is answered
                recentClients.changed();
                auditStreams.recorded(workspace);
                signals.auditRecorded(workspace);
            });
            revocations.onLocalChange(signals::credentialsChanged);
            memberships.onLocalChange(signals::credentialsChanged);
            sources.onEmit(signals::eventAppended);
            signals.listen(new ClusterSignals.Listener() {
                @Override
                public void credentialsChanged() {
                    recentClients.changed();
                    memberships.changedElsewhere();
                    revocations.sync();
                }

                @Override
                public void eventAppended(SourceId source, long sequence) {
                    sources.forwardAppended(source, sequence);
                }

                @Override
                public void auditRecorded(WorkspaceId workspace) {
                    recentClients.changed();
                    auditStreams.recorded(workspace);
                }
            });
            every(maintenance, 1, TimeUnit.SECONDS, "revocation sync", revocations::sync);
            every(maintenance, AuditStreamService.POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS, "audit stream poll",
                    auditStreams::poll);
            every(maintenance, 5, TimeUnit.SECONDS, "failure audit", failures::flushEnded);
            every(maintenance, 60, TimeUnit.SECONDS, "revocation purge", revocations::purgeExpired);
            every(maintenance, 60, TimeUnit.SECONDS, "event retention", sources::purgeExpiredEvents);
            every(maintenance, 60, TimeUnit.SECONDS, "last used", lastUsed::flush);
            every(maintenance, 60, TimeUnit.SECONDS, "console session purge", consoleSessions::purgeEnded);
            every(maintenance, KEY_RELOAD_SECONDS, TimeUnit.SECONDS, "signing key reload", tokens::reload);
            if (!config.keyRotationInterval().isZero()) {
                SigningKeyRotationService rotation = new SigningKeyRotationService(signingKeys, tokens,
                        database.clusterLock(), keySchedule, config.keyRotationInterval(), config.keyPrePublication(), clock);
                long check = Math.max(1, Math.min(60, config.keyRotationInterval().toSeconds() / 4));
                every(maintenance, check, TimeUnit.SECONDS, "signing key rotation", () -> {
                    if (rotation.rotateIfDue()) {
                        LOG.info("stored the next signing key; it signs after {} s", config.keyPrePublication().toSeconds());
                    }
                });
            }

            GatehouseHttpServer http = GatehouseHttpServer.create(useCases,
                    new HttpSettings(config.host(), port, issuer, config.sseHeartbeat(), config.rateLimits(),
                            config.requestLimits(), config.corsOrigins(), config.trustedProxies())).start();
            Gatehouse gatehouse = new Gatehouse(database, http, maintenance, failures, lastUsed, config.host(), issuer);
            out.println("gatehouse listening on " + gatehouse.baseUrl());
            out.flush();
            maintenance.execute(loadSignatures);
            return gatehouse;
        } catch (RuntimeException e) {
            maintenance.shutdownNow();
            database.close();
            throw e;
        }
    }

    /**
     * Hands {@code tokens} the provider of their RS256 signatures, or returns the work that will. Conscrypt's native
     * library takes a tenth of a second or more to unpack and load, so with {@code auto} the returned work loads it
     * on the maintenance thread once the server listens, and the JDK's provider signs until then. With
     * {@code conscrypt} it loads before the server listens, and a server where it cannot sign does not start.
     */
    private static Runnable chooseSignatures(RsaSigners.Choice choice, JoseAccessTokens tokens) {
        switch (choice) {
            case JDK -> LOG.info("access tokens are signed with {}", tokens.signatureProvider());
            case CONSCRYPT -> {
                RsaSigners conscrypt = RsaSigners.conscrypt();
                tokens.signWith(conscrypt);
                if (!tokens.signsWith(conscrypt)) {
                    throw new IllegalStateException("--signature-provider conscrypt: " + conscrypt.name()
                            + " cannot sign with the current key (see the warning above); start with auto or jdk instead");
                }
                LOG.info("access tokens are signed with {}", tokens.signatureProvider());
            }
            case AUTO -> {
                return () -> {
                    try {
                        tokens.signWith(RsaSigners.load(RsaSigners.Choice.AUTO, unavailable ->
                                LOG.info("Conscrypt is not available here ({}), so access tokens are signed with the JDK's provider",
                                        unavailable.getMessage())));
                        LOG.info("access tokens are signed with {}", tokens.signatureProvider());
                    } catch (RuntimeException | LinkageError e) {
                        LOG.warn("choosing the provider of RS256 signatures failed, so the JDK's provider signs: {}", e.toString());
                    }
                };
            }
        }
        return () -> { };
    }

    /**
     * Runs {@code task} every {@code period}. A failure is logged at {@code WARN} when it starts a run of
     * failures, and at {@code DEBUG} while the run lasts (the audit poll runs four times a second), and the
     * first success after it says how many turns failed.
     */
    private static void every(ScheduledExecutorService executor, long period, TimeUnit unit, String what, Runnable task) {
        int[] failedInARow = {0}; // only the executor's one thread touches it
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                if (failedInARow[0] > 0) {
                    LOG.info("{} works again, after {} failed turns", what, failedInARow[0]);
                    failedInARow[0] = 0;
                }
            } catch (RuntimeException e) {
                if (failedInARow[0]++ == 0) {
                    LOG.warn("{} failed: {}", what, e.toString());
                } else {
                    LOG.debug("{} failed again: {}", what, e.toString());
                }
            }
        }, period, period, unit);
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

    /** Stops taking requests, ends open streams, records pending audit events and closes the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.shutdownNow();
        try {
            http.close();
            failures.flushAll();
            lastUsed.flush();
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
