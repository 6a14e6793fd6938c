package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.http.common.ClientAddress;
import dev.gatehouse.adapter.in.http.common.RateLimits;
import dev.gatehouse.adapter.in.http.edge.CorsOrigins;
import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import dev.gatehouse.adapter.out.jose.RsaSigners;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.application.token.service.RecentClients;
import dev.gatehouse.bootstrap.logging.GatehouseEncoder;
import dev.gatehouse.bootstrap.logging.LogFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gatehouse serve}: runs the server until it is stopped. Every flag has an environment variable; the flag wins. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Gatehouse server.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:GATEHOUSE_PORT:-8080}", description = "Port; 0 picks a free one (env GATEHOUSE_PORT, default 8080).")
    int port;

    @Option(names = "--host", defaultValue = "${env:GATEHOUSE_HOST:-127.0.0.1}", description = "Interface to listen on (env GATEHOUSE_HOST).")
    String host;

    @Option(names = "--db-url", defaultValue = "${env:GATEHOUSE_DB_URL:-}", description = "JDBC URL; default an H2 file database under ./data (env GATEHOUSE_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:GATEHOUSE_DB_USER:-}", description = "Database user (env GATEHOUSE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:GATEHOUSE_DB_PASSWORD:-}", description = "Database password (env GATEHOUSE_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--db-pool-size", defaultValue = "${env:GATEHOUSE_DB_POOL_SIZE:-10}", description = "Connections in the database pool (env GATEHOUSE_DB_POOL_SIZE, default 10).")
    int dbPoolSize;

    @Option(names = "--issuer", defaultValue = "${env:GATEHOUSE_ISSUER:-}", description = "Public base URL; default http://localhost:<port> (env GATEHOUSE_ISSUER).")
    String issuer;

    @Option(names = "--bootstrap-file", defaultValue = "${env:GATEHOUSE_BOOTSTRAP_FILE:-}", description = "Where the first start writes its credentials, mode 0600 (env GATEHOUSE_BOOTSTRAP_FILE).")
    String bootstrapFile;

    @Option(names = "--token-ttl", defaultValue = "${env:GATEHOUSE_TOKEN_TTL:-3600}", description = "Access token lifetime in seconds (env GATEHOUSE_TOKEN_TTL, default 3600).")
    long tokenTtl;

    @Option(names = "--token-reuse", defaultValue = "${env:GATEHOUSE_TOKEN_REUSE:-off}", description = "on|off: hand a client back its token while more than half its life remains, instead of signing a new one (env GATEHOUSE_TOKEN_REUSE, default off; see docs/adr/0006-token-reuse.md).")
    String tokenReuse;

    @Option(names = "--signature-provider", defaultValue = "${env:GATEHOUSE_SIGNATURE_PROVIDER:-auto}", description = "auto|conscrypt|jdk: the provider of access tokens' RS256 signatures; auto takes Conscrypt (BoringSSL, about twice as fast) where its native library loads, else the JDK's (env GATEHOUSE_SIGNATURE_PROVIDER, default auto).")
    String signatureProvider;

    @Option(names = "--sse-heartbeat", defaultValue = "${env:GATEHOUSE_SSE_HEARTBEAT:-15}", description = "Seconds between :sse-handshake comments on open streams (env GATEHOUSE_SSE_HEARTBEAT, default 15).")
    long sseHeartbeat;

    @Option(names = "--event-retention-count", defaultValue = "${env:GATEHOUSE_EVENT_RETENTION_COUNT:-1000}", description = "Newest events kept per source for Last-Event-ID replay (env GATEHOUSE_EVENT_RETENTION_COUNT, default 1000).")
    int eventRetentionCount;

    @Option(names = "--event-retention-age", defaultValue = "${env:GATEHOUSE_EVENT_RETENTION_AGE:-86400}", description = "Seconds an event is kept for replay (env GATEHOUSE_EVENT_RETENTION_AGE, default 86400).")
    long eventRetentionAge;

    @Option(names = "--key-rotation-interval", defaultValue = "${env:GATEHOUSE_KEY_ROTATION_INTERVAL:-2592000}", description = "Seconds between signing key rotations; 0 never rotates (env GATEHOUSE_KEY_ROTATION_INTERVAL, default 2592000 = 30 days).")
    long keyRotationInterval;

    @Option(names = "--key-prepublication", defaultValue = "${env:GATEHOUSE_KEY_PREPUBLICATION:-300}", description = "Seconds a new signing key is published before it signs (env GATEHOUSE_KEY_PREPUBLICATION, default 300).")
    long keyPrePublication;

    @Option(names = "--rate-limit-client-auth-failures", defaultValue = "${env:GATEHOUSE_RATE_LIMIT_CLIENT_AUTH_FAILURES:-60}", description = "Failed client authentications a minute for each client_id (env GATEHOUSE_RATE_LIMIT_CLIENT_AUTH_FAILURES, default 60).")
    int rateLimitClientAuthFailures;

    @Option(names = "--rate-limit-token-requests", defaultValue = "${env:GATEHOUSE_RATE_LIMIT_TOKEN_REQUESTS:-600}", description = "Token requests a minute for each client (env GATEHOUSE_RATE_LIMIT_TOKEN_REQUESTS, default 600).")
    int rateLimitTokenRequests;

    @Option(names = "--rate-limit-bearer-failures", defaultValue = "${env:GATEHOUSE_RATE_LIMIT_BEARER_FAILURES:-300}", description = "Failed bearer checks a minute for each IP address (env GATEHOUSE_RATE_LIMIT_BEARER_FAILURES, default 300).")
    int rateLimitBearerFailures;

    @Option(names = "--rate-limit-console-signin-failures", defaultValue = "${env:GATEHOUSE_RATE_LIMIT_CONSOLE_SIGNIN_FAILURES:-10}", description = "Failed console sign-ins a minute for each account and for each IP address (env GATEHOUSE_RATE_LIMIT_CONSOLE_SIGNIN_FAILURES, default 10).")
    int rateLimitConsoleSignInFailures;

    @Option(names = "--rate-limit-oauth-requests-per-ip", defaultValue = "${env:GATEHOUSE_RATE_LIMIT_OAUTH_REQUESTS_PER_IP:-3000}", description = "Requests a minute to the token, introspection and revocation endpoints for each IP address (env GATEHOUSE_RATE_LIMIT_OAUTH_REQUESTS_PER_IP, default 3000).")
    int rateLimitOauthRequestsPerIp;

    @Option(names = "--rate-limit-client-auth-failures-per-ip", defaultValue = "${env:GATEHOUSE_RATE_LIMIT_CLIENT_AUTH_FAILURES_PER_IP:-300}", description = "Failed client authentications a minute for each IP address, whatever client_id they name (env GATEHOUSE_RATE_LIMIT_CLIENT_AUTH_FAILURES_PER_IP, default 300).")
    int rateLimitClientAuthFailuresPerIp;

    @Option(names = "--trusted-proxies", defaultValue = "${env:GATEHOUSE_TRUSTED_PROXIES:-}", description = "Comma-separated IP addresses or CIDR blocks of proxies whose X-Forwarded-For is believed; default none (env GATEHOUSE_TRUSTED_PROXIES).")
    String trustedProxies;

    @Option(names = "--cors-origins", defaultValue = "${env:GATEHOUSE_CORS_ORIGINS:-}", description = "Comma-separated origins (https://app.example.com) allowed to call the API from a browser; default none: CORS off (env GATEHOUSE_CORS_ORIGINS).")
    String corsOrigins;

    @Option(names = "--max-body-bytes", defaultValue = "${env:GATEHOUSE_MAX_BODY_BYTES:-131072}", description = "Largest request body; a larger one gets 413 (env GATEHOUSE_MAX_BODY_BYTES, default 131072).")
    long maxBodyBytes;

    @Option(names = "--max-header-bytes", defaultValue = "${env:GATEHOUSE_MAX_HEADER_BYTES:-16384}", description = "Largest request line and headers; larger ones get 431 (env GATEHOUSE_MAX_HEADER_BYTES, default 16384).")
    int maxHeaderBytes;

    @Option(names = "--idle-timeout", defaultValue = "${env:GATEHOUSE_IDLE_TIMEOUT:-30}", description = "Seconds a connection may stay silent before it is closed; must exceed --sse-heartbeat (env GATEHOUSE_IDLE_TIMEOUT, default 30).")
    long idleTimeout;

    @Option(names = "--header-timeout", defaultValue = "${env:GATEHOUSE_HEADER_TIMEOUT:-10}", description = "Seconds a client has to send a request's line and headers (env GATEHOUSE_HEADER_TIMEOUT, default 10).")
    long headerTimeout;

    @Option(names = "--sse-max-streams-per-principal", defaultValue = "${env:GATEHOUSE_SSE_MAX_STREAMS_PER_PRINCIPAL:-20}", description = "Open SSE streams allowed to one user or client on this server (env GATEHOUSE_SSE_MAX_STREAMS_PER_PRINCIPAL, default 20).")
    int sseMaxStreamsPerPrincipal;

    @Option(names = "--log-format", defaultValue = "${env:GATEHOUSE_LOG_FORMAT:-text}", description = "text (key=value) or json, one event per line on stderr (env GATEHOUSE_LOG_FORMAT, default text).")
    String logFormat;

    @Option(names = "--master-key-file", defaultValue = "${env:GATEHOUSE_MASTER_KEY_FILE:-}", description = "File holding the master key that seals the signing keys, base64 of 32 bytes (env GATEHOUSE_MASTER_KEY_FILE; or the key itself in env GATEHOUSE_MASTER_KEY). Default: master.key next to an H2 file database, ./data/master.key for PostgreSQL; generated, mode 0600, on a new database.")
    String masterKeyFile;

    @Override
    public Integer call() throws InterruptedException {
        StartupWarmUp.awaitLogging();
        ServerConfig config = config();
        StartupWarmUp.database(config.dbUrl());
        GatehouseEncoder.use(logFormat());
        Gatehouse gatehouse = Gatehouse.start(config, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gatehouse.close();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        stopped.await();
        return 0;
    }

    ServerConfig config() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        if (tokenTtl < 1 || tokenTtl > 86_400) {
            throw new ParameterException(spec.commandLine(), "--token-ttl must be between 1 and 86400 seconds");
        }
        if (dbPoolSize < 2 || dbPoolSize > 200) {
            throw new ParameterException(spec.commandLine(), "--db-pool-size must be between 2 and 200");
        }
        if (sseHeartbeat < 1 || sseHeartbeat > 3600) {
            throw new ParameterException(spec.commandLine(), "--sse-heartbeat must be between 1 and 3600 seconds");
        }
        if (eventRetentionCount < 1 || eventRetentionCount > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--event-retention-count must be between 1 and 1000000");
        }
        if (eventRetentionAge < 1) {
            throw new ParameterException(spec.commandLine(), "--event-retention-age must be at least 1 second");
        }
        if (keyRotationInterval < 0) {
            throw new ParameterException(spec.commandLine(), "--key-rotation-interval must be 0 (never) or a number of seconds");
        }
        if (keyPrePublication < 1 || keyPrePublication > 86_400) {
            throw new ParameterException(spec.commandLine(), "--key-prepublication must be between 1 and 86400 seconds");
        }
        String reuse = tokenReuse.toLowerCase(Locale.ROOT);
        if (!reuse.equals("on") && !reuse.equals("off")) {
            throw new ParameterException(spec.commandLine(), "--token-reuse must be on or off");
        }
        RsaSigners.Choice signatures;
        try {
            signatures = RsaSigners.Choice.parse(signatureProvider);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--signature-provider must be auto, conscrypt or jdk");
        }
        if (!issuer.isEmpty() && !issuer.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ParameterException(spec.commandLine(), "--issuer must be an http(s) URL without query or fragment");
        }
        RateLimits rateLimits = rateLimits();
        RequestLimits requestLimits = requestLimits();
        if (sseHeartbeat >= idleTimeout) {
            throw new ParameterException(spec.commandLine(), "--sse-heartbeat must be shorter than --idle-timeout, or quiet SSE streams are cut");
        }
        List<String> origins = commaSeparated(corsOrigins);
        for (String origin : origins) {
            if (!CorsOrigins.isOrigin(origin)) {
                throw new ParameterException(spec.commandLine(), "--cors-origins takes origins such as https://app.example.com (no path): " + origin);
            }
        }
        List<String> proxies = commaSeparated(trustedProxies);
        try {
            ClientAddress.trusting(proxies);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--trusted-proxies: " + e.getMessage());
        }
        logFormat();

        MasterKeyConfig masterKey = MasterKeyConfig.of(System.getenv(MasterKeys.KEY_VARIABLE), masterKeyFile);
        if (masterKey.base64Key().isPresent() && masterKey.keyFile().isPresent()) {
            throw new ParameterException(spec.commandLine(), "give the master key either in " + MasterKeys.KEY_VARIABLE
                    + " or in --master-key-file (" + MasterKeys.FILE_VARIABLE + "), not both");
        }
        return new ServerConfig(host, port,
                dbUrl.isEmpty() ? Database.defaultH2Url() : dbUrl,
                dbUser, dbPassword, dbPoolSize,
                issuer.isEmpty() ? Optional.empty() : Optional.of(issuer),
                bootstrapFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(bootstrapFile)),
                Duration.ofSeconds(tokenTtl),
                reuse.equals("on"),
                Duration.ofSeconds(sseHeartbeat),
                eventRetentionCount,
                Duration.ofSeconds(eventRetentionAge),
                Duration.ofSeconds(keyRotationInterval),
                Duration.ofSeconds(keyPrePublication),
                rateLimits, requestLimits, origins, proxies, masterKey, signatures, RecentClients.RECENT);
    }

    private RateLimits rateLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("--rate-limit-client-auth-failures", rateLimitClientAuthFailures);
        limits.put("--rate-limit-token-requests", rateLimitTokenRequests);
        limits.put("--rate-limit-bearer-failures", rateLimitBearerFailures);
        limits.put("--rate-limit-console-signin-failures", rateLimitConsoleSignInFailures);
        limits.put("--rate-limit-oauth-requests-per-ip", rateLimitOauthRequestsPerIp);
        limits.put("--rate-limit-client-auth-failures-per-ip", rateLimitClientAuthFailuresPerIp);
        limits.forEach((flag, limit) -> {
            if (limit < 1 || limit > 1_000_000) {
                throw new ParameterException(spec.commandLine(), flag + " must be between 1 and 1000000 a minute");
            }
        });
        return new RateLimits(rateLimitClientAuthFailures, rateLimitTokenRequests, rateLimitBearerFailures, rateLimitConsoleSignInFailures,
                rateLimitOauthRequestsPerIp, rateLimitClientAuthFailuresPerIp);
    }

    private RequestLimits requestLimits() {
        if (maxBodyBytes < 1024 || maxBodyBytes > 64L * 1024 * 1024) {
            throw new ParameterException(spec.commandLine(), "--max-body-bytes must be between 1024 and 67108864");
        }
        if (maxHeaderBytes < 4096 || maxHeaderBytes > 1024 * 1024) {
            throw new ParameterException(spec.commandLine(), "--max-header-bytes must be between 4096 and 1048576");
        }
        if (idleTimeout < 1 || idleTimeout > 3600 || headerTimeout < 1 || headerTimeout > 3600) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout and --header-timeout must be between 1 and 3600 seconds");
        }
        if (sseMaxStreamsPerPrincipal < 1 || sseMaxStreamsPerPrincipal > 10_000) {
            throw new ParameterException(spec.commandLine(), "--sse-max-streams-per-principal must be between 1 and 10000");
        }
        return new RequestLimits(maxBodyBytes, maxHeaderBytes, Duration.ofSeconds(idleTimeout), Duration.ofSeconds(headerTimeout),
                sseMaxStreamsPerPrincipal);
    }

    LogFormat logFormat() {
        try {
            return LogFormat.parse(logFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log-format must be text or json");
        }
    }

    private static List<String> commaSeparated(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
