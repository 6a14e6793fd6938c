package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gatehouse keys rotate-signing} against the PostgreSQL database of two running servers: both publish the
 * new key before either signs with it, both then sign with it, and tokens of the old key keep verifying on both.
 */
class RotateSigningCommandEndToEndTest {

    private static final long PREPUBLICATION_SECONDS = 8;

    @TempDir
    Path dir;

    private FreshPostgresDatabase database;
    private Path keyFile;

    @BeforeEach
    void createDatabaseAndKey() throws Exception {
        database = FreshPostgresDatabase.create("gh_rotate_");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        keyFile = dir.resolve("master.key");
        Files.writeString(Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                Base64.getEncoder().encodeToString(key));
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private TestServer node(Path bootstrapFile) {
        return TestServer.start(new ServerConfig("127.0.0.1", 0, database.url(), database.user, database.password, 4,
                Optional.of("http://gatehouse.test"), Optional.of(bootstrapFile), Duration.ofSeconds(3600), false, Duration.ofSeconds(15),
                1000, Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5)).withMasterKey(MasterKeyConfig.ofFile(keyFile)));
    }

    /** Runs the command line in this JVM, as {@code gatehouse <args>}. */
    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<String> dbArgs() {
        List<String> args = new ArrayList<>(List.of("--db-url", database.url(), "--db-user", database.user));
        if (!database.password.isEmpty()) {
            args.addAll(List.of("--db-password", database.password));
        }
        return args;
    }

    private static Set<String> kids(TestServer server) {
        Set<String> kids = new HashSet<>();
        for (JsonNode key : server.get("/.well-known/jwks.json", null).json().get("keys")) {
            kids.add(key.get("kid").asText());
        }
        return kids;
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void rotateSigningPublishesTheNewKeyOnEveryServerBeforeAnySignsWithItAndOldTokensKeepVerifying() throws Exception {
        try (TestServer a = node(dir.resolve("a.json")); TestServer b = node(dir.resolve("b.json"))) {
            Workspace onA = Workspace.of(a, dir.resolve("a.json"));
            Workspace onB = Workspace.of(b, dir.resolve("a.json"));
            String[] client = onA.client("[\"*\"]");
            String oldToken = onA.token(client[0], client[1]);
            String oldKid = kid(oldToken);

            List<String> args = new ArrayList<>(List.of("keys", "rotate-signing", "--json",
                    "--master-key-file", keyFile.toString(), "--key-prepublication", String.valueOf(PREPUBLICATION_SECONDS)));
            args.addAll(dbArgs());
            Run run = cli(args.toArray(String[]::new));
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode rotated = TestServer.JSON.readTree(run.out());
            String newKid = rotated.get("kid").asText();
            Instant signsFrom = Instant.parse(rotated.get("signs_from").asText());
            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(Duration.between(Instant.parse(rotated.get("published_at").asText()), signsFrom))
                    .isEqualTo(Duration.ofSeconds(PREPUBLICATION_SECONDS));

            // every server publishes the new key while all still sign with the old one
            while (!(kids(a).contains(newKid) && kids(b).contains(newKid))) {
                assertThat(Instant.now()).as("both servers published the new key before it signs").isBefore(signsFrom);
                assertThat(kid(onA.token(client[0], client[1]))).isEqualTo(oldKid);
                assertThat(kid(onB.token(client[0], client[1]))).isEqualTo(oldKid);
                Thread.sleep(100);
            }
            Instant published = Instant.now();
            assertThat(published).isBefore(signsFrom);
            if (Instant.now().isBefore(signsFrom.minusMillis(500))) {
                assertThat(kid(onA.token(client[0], client[1]))).as("no server signs with it before its time").isEqualTo(oldKid);
                assertThat(kid(onB.token(client[0], client[1]))).isEqualTo(oldKid);
            }

            // then both sign with it
            Set<String> signingA = new HashSet<>();
            Set<String> signingB = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(PREPUBLICATION_SECONDS + 15).toNanos();
            String newToken = null;
            while (System.nanoTime() < deadline && !(signingA.contains(newKid) && signingB.contains(newKid))) {
                String fromA = onA.token(client[0], client[1]);
                String fromB = onB.token(client[0], client[1]);
                if (kid(fromA).equals(newKid) || kid(fromB).equals(newKid)) {
                    assertThat(Instant.now()).as("signed with the new key only from its time").isAfterOrEqualTo(signsFrom);
                    newToken = kid(fromA).equals(newKid) ? fromA : fromB;
                }
                signingA.add(kid(fromA));
                signingB.add(kid(fromB));
                Thread.sleep(200);
            }
            assertThat(signingA).contains(newKid);
            assertThat(signingB).contains(newKid);

            // the old key stays published and its token verifies on both; the new token verifies on both
            assertThat(kids(a)).contains(oldKid, newKid);
            assertThat(kids(b)).contains(oldKid, newKid);
            assertThat(a.get("/v1/workspaces/" + onA.orgId, oldToken).status()).isEqualTo(200);
            assertThat(b.get("/v1/workspaces/" + onA.orgId, oldToken).status()).isEqualTo(200);
            assertThat(a.get("/v1/workspaces/" + onA.orgId, newToken).status()).isEqualTo(200);
            assertThat(b.get("/v1/workspaces/" + onA.orgId, newToken).status()).isEqualTo(200);
            System.out.printf("rotate-signing: both servers published %s %d ms before it signed%n", newKid,
                    Duration.between(published, signsFrom).toMillis());
        }
    }

    @Test
    void rotateSigningWithAnotherMasterKeyFailsWithExitOneAndStoresNothing() throws Exception {
        try (TestServer a = node(dir.resolve("a.json"))) {
            Set<String> before = kids(a);
            Path otherKey = dir.resolve("other.key");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(otherKey, Base64.getEncoder().encodeToString(key));

            List<String> args = new ArrayList<>(List.of("keys", "rotate-signing", "--master-key-file", otherKey.toString()));
            args.addAll(dbArgs());
            Run run = cli(args.toArray(String[]::new));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("gatehouse: the master key (id ").contains("is not the one")
                    .doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(run.out()).isEmpty();
            Thread.sleep(2_500); // longer than a key reload
            assertThat(kids(a)).isEqualTo(before);
        }
    }

    @Test
    void rotateSigningUsageErrorsExitTwo() {
        List<String> args = new ArrayList<>(List.of("keys", "rotate-signing", "--key-prepublication", "0",
                "--master-key-file", keyFile.toString()));
        args.addAll(dbArgs());
        Run run = cli(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--key-prepublication must be between 1 and 86400 seconds");
        assertThat(cli("keys", "rotate-signing", "--no-such-flag").exit()).isEqualTo(2);
    }

    @Test
    void rotateSigningOnADatabaseWithNoKeyYetFailsWithExitOne() {
        List<String> args = new ArrayList<>(List.of("keys", "rotate-signing", "--master-key-file", keyFile.toString()));
        args.addAll(dbArgs());
        Run run = cli(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no signing key is stored yet");
    }
}
