package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.http.common.RateLimits;
import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import dev.gatehouse.adapter.out.jose.RsaSigners;
import dev.gatehouse.application.token.service.RecentClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** The settings of {@code gatehouse serve} (contract §1), after flags and environment variables are merged. */
public record ServerConfig(
        String host,
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Optional<String> issuer,
        Optional<Path> bootstrapFile,
        Duration tokenTtl,
        boolean tokenReuse,
        Duration sseHeartbeat,
        int eventRetentionCount,
        Duration eventRetentionAge,
        Duration keyRotationInterval,
        Duration keyPrePublication,
        RateLimits rateLimits,
        RequestLimits requestLimits,
        List<String> corsOrigins,
        List<String> trustedProxies,
        MasterKeyConfig masterKey,
        RsaSigners.Choice signatureProvider,
        Duration recentClients) {

    /**
     * The settings with the default rate and request limits, no CORS origin, no trusted proxy and the default
     * master key file (see {@link MasterKeys}).
     */
    public ServerConfig(String host, int port, String dbUrl, String dbUser, String dbPassword, int dbPoolSize, Optional<String> issuer,
                        Optional<Path> bootstrapFile, Duration tokenTtl, boolean tokenReuse, Duration sseHeartbeat, int eventRetentionCount,
                        Duration eventRetentionAge, Duration keyRotationInterval, Duration keyPrePublication) {
        this(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse, sseHeartbeat,
                eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                RateLimits.defaults(), RequestLimits.defaults(), List.of(), List.of(), MasterKeyConfig.DEFAULT, RsaSigners.Choice.AUTO,
                RecentClients.RECENT);
    }

    /** The defaults of contract §1 and §8 for everything but where to listen and which database. */
    public static ServerConfig defaults(String host, int port, String dbUrl) {
        return new ServerConfig(host, port, dbUrl, "", "", 10, Optional.empty(), Optional.empty(), Duration.ofSeconds(3600),
                false, Duration.ofSeconds(15), 1000, Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5),
                RateLimits.defaults(), RequestLimits.defaults(), List.of(), List.of(), MasterKeyConfig.DEFAULT, RsaSigners.Choice.AUTO,
                RecentClients.RECENT);
    }

    public ServerConfig withIssuer(String issuer) {
        return copy(c -> c.issuer = Optional.of(issuer));
    }

    public ServerConfig withBootstrapFile(Path file) {
        return copy(c -> c.bootstrapFile = Optional.of(file));
    }

    public ServerConfig withTokenTtl(Duration ttl) {
        return copy(c -> c.tokenTtl = ttl);
    }

    /** Rotation every {@code interval} (zero: never), each new key published {@code prePublication} before it signs. */
    public ServerConfig withKeyRotation(Duration interval, Duration prePublication) {
        return copy(c -> {
            c.keyRotationInterval = interval;
            c.keyPrePublication = prePublication;
        });
    }

    public ServerConfig withTokenReuse(boolean reuse) {
        return copy(c -> c.tokenReuse = reuse);
    }

    public ServerConfig withSseHeartbeat(Duration heartbeat) {
        return copy(c -> c.sseHeartbeat = heartbeat);
    }

    /** The rate limits of contract §4 and of the OAuth endpoints' addresses. */
    public ServerConfig withRateLimits(RateLimits limits) {
        return copy(c -> c.rateLimits = limits);
    }

    public ServerConfig withRequestLimits(RequestLimits limits) {
        return copy(c -> c.requestLimits = limits);
    }

    /** Origins allowed to call cross-origin, and proxies trusted to report the client's address. */
    public ServerConfig withOrigins(List<String> cors, List<String> proxies) {
        return copy(c -> {
            c.corsOrigins = cors;
            c.trustedProxies = proxies;
        });
    }

    /** Where the master key comes from. */
    public ServerConfig withMasterKey(MasterKeyConfig key) {
        return copy(c -> c.masterKey = key);
    }

    /** Which provider makes the RS256 signatures of access tokens. */
    public ServerConfig withSignatureProvider(RsaSigners.Choice choice) {
        return copy(c -> c.signatureProvider = choice);
    }

    /**
     * How long the OAuth endpoints trust a client they read ({@link RecentClients}); not a flag. Tests of how changes
     * reach other servers make it long, so that only the change's signal can make a server forget.
     */
    public ServerConfig withRecentClients(Duration trusted) {
        return copy(c -> c.recentClients = trusted);
    }

    /** This configuration with the changes {@code change} makes to a copy of its settings. */
    private ServerConfig copy(Consumer<Settings> change) {
        Settings c = new Settings(this);
        change.accept(c);
        return c.build();
    }

    /** The settings of a {@link ServerConfig}, open for {@link #copy} to change a few. */
    private static final class Settings {
        private final String host;
        private final int port;
        private final String dbUrl;
        private final String dbUser;
        private final String dbPassword;
        private final int dbPoolSize;
        private Optional<String> issuer;
        private Optional<Path> bootstrapFile;
        private Duration tokenTtl;
        private boolean tokenReuse;
        private Duration sseHeartbeat;
        private final int eventRetentionCount;
        private final Duration eventRetentionAge;
        private Duration keyRotationInterval;
        private Duration keyPrePublication;
        private RateLimits rateLimits;
        private RequestLimits requestLimits;
        private List<String> corsOrigins;
        private List<String> trustedProxies;
        private MasterKeyConfig masterKey;
        private RsaSigners.Choice signatureProvider;
        private Duration recentClients;

        Settings(ServerConfig from) {
            host = from.host;
            port = from.port;
            dbUrl = from.dbUrl;
            dbUser = from.dbUser;
            dbPassword = from.dbPassword;
            dbPoolSize = from.dbPoolSize;
            issuer = from.issuer;
            bootstrapFile = from.bootstrapFile;
            tokenTtl = from.tokenTtl;
            tokenReuse = from.tokenReuse;
            sseHeartbeat = from.sseHeartbeat;
            eventRetentionCount = from.eventRetentionCount;
            eventRetentionAge = from.eventRetentionAge;
            keyRotationInterval = from.keyRotationInterval;
            keyPrePublication = from.keyPrePublication;
            rateLimits = from.rateLimits;
            requestLimits = from.requestLimits;
            corsOrigins = from.corsOrigins;
            trustedProxies = from.trustedProxies;
            masterKey = from.masterKey;
            signatureProvider = from.signatureProvider;
            recentClients = from.recentClients;
        }

        ServerConfig build() {
            return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                    sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                    rateLimits, requestLimits, corsOrigins, trustedProxies, masterKey, signatureProvider,
                    recentClients);
        }
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        Objects.requireNonNull(dbPassword, "dbPassword");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(bootstrapFile, "bootstrapFile");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (dbPoolSize < 2) {
            throw new IllegalArgumentException("the database pool needs at least two connections");
        }
        Objects.requireNonNull(sseHeartbeat, "sseHeartbeat");
        Objects.requireNonNull(eventRetentionAge, "eventRetentionAge");
        Objects.requireNonNull(keyRotationInterval, "keyRotationInterval");
        Objects.requireNonNull(keyPrePublication, "keyPrePublication");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(requestLimits, "requestLimits");
        corsOrigins = List.copyOf(corsOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(signatureProvider, "signatureProvider");
        Objects.requireNonNull(recentClients, "recentClients");
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", " + dbUrl + ", issuer=" + issuer.orElse("(default)")
                + ", ttl=" + tokenTtl.toSeconds() + "s, db password redacted, " + masterKey + "]";
    }
}
