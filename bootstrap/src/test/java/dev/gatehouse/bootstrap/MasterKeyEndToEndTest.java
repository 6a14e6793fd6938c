package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The master key that seals the signing keys, seen from outside: generated on first start next to the H2 file
 * database with mode 0600 and a warning that does not show it, used again on restart, and a server with another
 * key, no key, or a tampered key row refuses to start with a clear message and no stack trace.
 */
class MasterKeyEndToEndTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger masterKeysLog = (Logger) LoggerFactory.getLogger(MasterKeys.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        masterKeysLog.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        masterKeysLog.detachAppender(logs);
    }

    private String h2Url() {
        return "jdbc:h2:file:" + dir.resolve("data/gatehouse");
    }

    private static Set<String> kids(TestServer server) {
        Set<String> kids = new HashSet<>();
        for (JsonNode key : server.get("/.well-known/jwks.json", null).json().get("keys")) {
            kids.add(key.get("kid").asText());
        }
        return kids;
    }

    @Test
    void firstStartGeneratesAKeyFileNextToTheDatabaseAndARestartUsesIt() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, h2Url()).withBootstrapFile(dir.resolve("boot.json"))
                .withIssuer("http://gatehouse.test");
        String token;
        Set<String> kids;
        try (TestServer server = TestServer.start(config)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"*\"]");
            token = ws.token(client[0], client[1]);
            kids = kids(server);
        }
        Path keyFile = dir.resolve("data/master.key");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String key = Files.readString(keyFile).strip();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(warning -> assertThat(warning.getFormattedMessage())
                        .contains("generated a new master key in " + keyFile)
                        .contains("mode 0600")
                        .doesNotContain(key));
        try (Connection db = DriverManager.getConnection(h2Url(), "", ""); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT private_jwk, sealed_private_jwk FROM signing_keys")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("private_jwk")).isNull();
            assertThat(rows.getString("sealed_private_jwk")).startsWith("v1.").doesNotContain("\"d\"");
        }

        logs.list.clear();
        try (TestServer restarted = TestServer.start(config)) {
            assertThat(kids(restarted)).isEqualTo(kids);
            assertThat(restarted.get("/v1/workspaces/" + Workspace.of(restarted, dir.resolve("boot.json")).orgId, token).status())
                    .as("a token signed before the restart verifies after it").isEqualTo(200);
        }
        assertThat(logs.list).as("no new key on restart").noneMatch(e -> e.getLevel() == Level.WARN);
        assertThat(Files.readString(keyFile).strip()).isEqualTo(key);
    }

    @Test
    void startWithAnotherMasterKeyIsRefusedWithAClearMessageAndNoStackTrace() throws Exception {
        TestServer.start(ServerConfig.defaults("127.0.0.1", 0, h2Url())).close();
        Path other = dir.resolve("other.key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(other, Base64.getEncoder().encodeToString(key));

        RotateSigningCommandEndToEndTest.Run run = RotateSigningCommandEndToEndTest.cli(
                "serve", "--port", "0", "--db-url", h2Url(), "--master-key-file", other.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("gatehouse: the master key (id ")
                .contains("is not the one this database's signing keys are sealed under")
                .contains("The master key came from the key file " + other)
                .contains("Every server on one database needs the same master key")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void startWithoutTheKeyFileOfASealedDatabaseIsRefusedAndGeneratesNothing() throws Exception {
        TestServer.start(ServerConfig.defaults("127.0.0.1", 0, h2Url())).close();
        Path keyFile = dir.resolve("data/master.key");
        Files.delete(keyFile);

        assertThatThrownBy(() -> TestServer.start(ServerConfig.defaults("127.0.0.1", 0, h2Url())))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("no master key")
                .hasMessageContaining("A new key is generated only for a new database");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void startWhenASealedSigningKeyWasTamperedWithIsRefused() throws Exception {
        TestServer.start(ServerConfig.defaults("127.0.0.1", 0, h2Url())).close();
        try (Connection db = DriverManager.getConnection(h2Url(), "", ""); Statement sql = db.createStatement()) {
            String sealed;
            try (ResultSet row = sql.executeQuery("SELECT sealed_private_jwk FROM signing_keys")) {
                assertThat(row.next()).isTrue();
                sealed = row.getString(1);
            }
            String[] parts = sealed.split("\\.");
            char flipped = parts[3].charAt(10) == 'A' ? 'B' : 'A';
            parts[3] = parts[3].substring(0, 10) + flipped + parts[3].substring(11);
            sql.executeUpdate("UPDATE signing_keys SET sealed_private_jwk = '" + String.join(".", parts) + "'");
        }

        assertThatThrownBy(() -> TestServer.start(ServerConfig.defaults("127.0.0.1", 0, h2Url())))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("integrity check")
                .hasMessageContaining("changed or is corrupt")
                .hasMessageNotContaining("same master key");
    }

    @Test
    void aRunningServerThatMeetsAnUnreadableKeyRowKeepsItsKeysAndAnswers401ToUnknownKids() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, h2Url()).withBootstrapFile(dir.resolve("boot.json"));
        try (TestServer server = TestServer.start(config)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"*\"]");
            String token = ws.token(client[0], client[1]);
            try (Connection db = DriverManager.getConnection(h2Url(), "", ""); Statement sql = db.createStatement()) {
                sql.executeUpdate("INSERT INTO signing_keys (kid, algorithm, sealed_private_jwk, created_at)"
                        + " VALUES ('bogus', 'RS256', 'v1.x.y.z', 0)");
            }
            Thread.sleep(2_500); // a scheduled reload meets the row, and fails
            String header = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"unknown\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String unknownKid = header + token.substring(token.indexOf('.'));

            TestServer.Response refused = server.get("/v1/workspaces/" + ws.orgId, unknownKid);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(server.get("/v1/workspaces/" + ws.orgId, token).status()).isEqualTo(200);
            assertThat(server.get("/.well-known/jwks.json", null).status()).isEqualTo(200);
            assertThat(ws.token(client[0], client[1])).isNotBlank();
        }
    }

    @Test
    void serversOnOnePostgresDatabaseMustShareTheMasterKey() throws Exception {
        try (FreshPostgresDatabase database = FreshPostgresDatabase.create("gh_master_")) {
            byte[] first = new byte[32];
            byte[] second = new byte[32];
            new SecureRandom().nextBytes(first);
            new SecureRandom().nextBytes(second);
            ServerConfig config = new ServerConfig("127.0.0.1", 0, database.url(), database.user, database.password, 4,
                    java.util.Optional.of("http://gatehouse.test"), java.util.Optional.empty(), java.time.Duration.ofSeconds(3600), false,
                    java.time.Duration.ofSeconds(15), 1000, java.time.Duration.ofDays(1), java.time.Duration.ofDays(30),
                    java.time.Duration.ofMinutes(5));
            try (TestServer a = TestServer.start(config.withMasterKey(MasterKeyConfig.ofKey(Base64.getEncoder().encodeToString(first))))) {
                assertThatThrownBy(() -> TestServer.start(config.withMasterKey(MasterKeyConfig.ofKey(Base64.getEncoder().encodeToString(second)))))
                        .isInstanceOf(MasterKeyException.class)
                        .hasMessageContaining("is not the one this database's signing keys are sealed under")
                        .hasMessageContaining("GATEHOUSE_MASTER_KEY");
                try (TestServer b = TestServer.start(config.withMasterKey(MasterKeyConfig.ofKey(Base64.getEncoder().encodeToString(first))))) {
                    assertThat(kids(b)).isEqualTo(kids(a));
                }
            }
        }
    }
}
