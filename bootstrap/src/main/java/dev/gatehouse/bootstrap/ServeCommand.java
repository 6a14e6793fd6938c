package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config();
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
        if (!issuer.isEmpty() && !issuer.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ParameterException(spec.commandLine(), "--issuer must be an http(s) URL without query or fragment");
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
                Duration.ofSeconds(keyPrePublication));
    }
}
