package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.http.common.RateLimits;
import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        MasterKeyConfig masterKey) {

    /**
     * The settings with the default rate and request limits, no CORS origin, no trusted proxy and the default
     * master key file (see {@link MasterKeys}).
     */
    public ServerConfig(String host, int port, String dbUrl, String dbUser, String dbPassword, int dbPoolSize, Optional<String> issuer,
                        Optional<Path> bootstrapFile, Duration tokenTtl, boolean tokenReuse, Duration sseHeartbeat, int eventRetentionCount,
                        Duration eventRetentionAge, Duration keyRotationInterval, Duration keyPrePublication) {
        this(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse, sseHeartbeat,
                eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                RateLimits.defaults(), RequestLimits.defaults(), List.of(), List.of(), MasterKeyConfig.DEFAULT);
    }

    /** The defaults of contract §1 and §8 for everything but where to listen and which database. */
    public static ServerConfig defaults(String host, int port, String dbUrl) {
        return new ServerConfig(host, port, dbUrl, "", "", 10, Optional.empty(), Optional.empty(), Duration.ofSeconds(3600),
                false, Duration.ofSeconds(15), 1000, Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5),
                RateLimits.defaults(), RequestLimits.defaults(), List.of(), List.of(), MasterKeyConfig.DEFAULT);
    }

    public ServerConfig withIssuer(String issuer) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, Optional.of(issuer), bootstrapFile, tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, requestLimits, corsOrigins, trustedProxies, masterKey);
    }

    public ServerConfig withBootstrapFile(Path file) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, Optional.of(file), tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, requestLimits, corsOrigins, trustedProxies, masterKey);
    }

    public ServerConfig withTokenTtl(Duration ttl) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, ttl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, requestLimits, corsOrigins, trustedProxies, masterKey);
    }

    /** Rotation every {@code interval} (zero: never), each new key published {@code prePublication} before it signs. */
    public ServerConfig withKeyRotation(Duration interval, Duration prePublication) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, interval, prePublication,
                rateLimits, requestLimits, corsOrigins, trustedProxies, masterKey);
    }

    public ServerConfig withTokenReuse(boolean reuse) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, reuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication);
    }

    public ServerConfig withSseHeartbeat(Duration heartbeat) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                heartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, requestLimits, corsOrigins, trustedProxies, masterKey);
    }

    /** The rate limits of contract §4 and of the OAuth endpoints' addresses. */
    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                limits, requestLimits, corsOrigins, trustedProxies, masterKey);
    }

    public ServerConfig withRequestLimits(RequestLimits limits) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, limits, corsOrigins, trustedProxies, masterKey);
    }

    /** Origins allowed to call cross-origin, and proxies trusted to report the client's address. */
    public ServerConfig withOrigins(List<String> cors, List<String> proxies) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, requestLimits, cors, proxies, masterKey);
    }

    /** Where the master key comes from. */
    public ServerConfig withMasterKey(MasterKeyConfig key) {
        return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, dbPoolSize, issuer, bootstrapFile, tokenTtl, tokenReuse,
                sseHeartbeat, eventRetentionCount, eventRetentionAge, keyRotationInterval, keyPrePublication,
                rateLimits, requestLimits, corsOrigins, trustedProxies, key);
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
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", " + dbUrl + ", issuer=" + issuer.orElse("(default)")
                + ", ttl=" + tokenTtl.toSeconds() + "s, db password redacted, " + masterKey + "]";
    }
}
