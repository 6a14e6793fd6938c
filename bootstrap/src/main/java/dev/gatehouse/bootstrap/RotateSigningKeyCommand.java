package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.out.jose.JoseAccessTokens;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.application.cluster.port.out.ClusterLock;
import dev.gatehouse.application.token.port.in.RotateSigningKeyUseCase.RotatedSigningKey;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.service.SigningKeyRotationService;
import dev.gatehouse.application.token.service.SigningKeySchedule;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse keys rotate-signing}: stores a new signing key in the database, with the master key and the
 * database settings of {@code serve}. Every running server publishes it within seconds (they reload their keys
 * every 2 s) and signs with it only after the pre-publication delay; older keys stay published while tokens they
 * signed can be live. Exit 0 on success, 1 on an error (unreachable database, wrong master key), 2 on bad usage.
 */
@Command(name = "rotate-signing", mixinStandardHelpOptions = true,
        description = "Rotate the token signing key now, working on the database directly: the new key is published at once"
                + " and signs after the pre-publication delay.")
final class RotateSigningKeyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--db-url", defaultValue = "${env:GATEHOUSE_DB_URL:-}", description = "JDBC URL, as for serve; default the H2 file database under ./data (env GATEHOUSE_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:GATEHOUSE_DB_USER:-}", description = "Database user (env GATEHOUSE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:GATEHOUSE_DB_PASSWORD:-}", description = "Database password (env GATEHOUSE_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--master-key-file", defaultValue = "${env:GATEHOUSE_MASTER_KEY_FILE:-}", description = "The master key file, as for serve (env GATEHOUSE_MASTER_KEY_FILE; or the key in env GATEHOUSE_MASTER_KEY). Never generated here.")
    String masterKeyFile;

    @Option(names = "--key-prepublication", defaultValue = "${env:GATEHOUSE_KEY_PREPUBLICATION:-300}", description = "Seconds the new key is published before it signs (env GATEHOUSE_KEY_PREPUBLICATION, default 300).")
    long keyPrePublication;

    @Option(names = "--json", description = "Print the new key as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (keyPrePublication < 1 || keyPrePublication > 86_400) {
            throw new ParameterException(spec.commandLine(), "--key-prepublication must be between 1 and 86400 seconds");
        }
        MasterKeyConfig masterKey = MasterKeyConfig.of(System.getenv(MasterKeys.KEY_VARIABLE), masterKeyFile);
        if (masterKey.base64Key().isPresent() && masterKey.keyFile().isPresent()) {
            throw new ParameterException(spec.commandLine(), "give the master key either in " + MasterKeys.KEY_VARIABLE
                    + " or in --master-key-file (" + MasterKeys.FILE_VARIABLE + "), not both");
        }
        String url = dbUrl.isBlank() ? Database.defaultH2Url() : dbUrl;
        RotatedSigningKey rotated;
        try (Database database = open(url)) {
            SigningKeyRepository keys = MasterKeys.openSigningKeys(database, masterKey, url, false, new SecureRandom());
            ClusterLock unused = (name, task) -> false;
            rotated = new SigningKeyRotationService(keys, JoseAccessTokens.keyGenerator(), unused,
                    new SigningKeySchedule(Duration.ofDays(1)), Duration.ZERO, Duration.ofSeconds(keyPrePublication),
                    Clock.systemUTC()).rotate();
        } catch (MasterKeyException | IllegalStateException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail("cannot rotate the signing key: " + describe(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = JSON.createObjectNode()
                    .put("kid", rotated.kid())
                    .put("algorithm", rotated.algorithm())
                    .put("published_at", rotated.publishedAt().toString())
                    .put("signs_from", rotated.signsFrom().toString());
            out.println(node.toPrettyString());
        } else {
            out.println("new signing key " + rotated.kid() + " (" + rotated.algorithm() + ")");
            out.println("published now; every server signs with it from " + rotated.signsFrom()
                    + " (in " + keyPrePublication + " s)");
        }
        out.flush();
        return 0;
    }

    private Database open(String url) {
        try {
            return Database.open(url, dbUser, dbPassword, Database.MIN_POOL_SIZE);
        } catch (RuntimeException e) {
            String reason = describe(e);
            String lower = reason.toLowerCase(Locale.ROOT);
            if (lower.contains("file is locked") || lower.contains("already in use") || lower.contains("locked by another process")) {
                throw new IllegalStateException("the H2 database " + url + " is in use by a running server: an H2 file is opened by one"
                        + " process at a time, so stop the server first (or use PostgreSQL, where servers keep running)");
            }
            throw new IllegalStateException("cannot open the database " + url + ": " + reason);
        }
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("gatehouse: " + message);
        err.flush();
        return 1;
    }

    /** The innermost message of a failure, without class names or stack. */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
