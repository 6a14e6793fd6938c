package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.adapter.out.jose.RsaSigners;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** {@code --signature-provider}: each choice signs tokens that verify with the published keys, and says which provider signs. */
class SignatureProviderEndToEndTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger gatehouse;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        gatehouse = context.getLogger(Gatehouse.class);
        previousLevel = gatehouse.getLevel();
        gatehouse.setLevel(Level.INFO);
        logs.setContext(context);
        logs.start();
        gatehouse.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        gatehouse.detachAppender(logs);
        gatehouse.setLevel(previousLevel);
        logs.stop();
    }

    @ParameterizedTest
    @CsvSource({"jdk, the JDK's provider", "conscrypt, Conscrypt ", "auto, Conscrypt "})
    void tokensAreSignedByTheChosenProviderAndVerifyWithTheJwks(String choice, String signer) throws Exception {
        // Conscrypt 2.9 ships native libraries for Linux on x86-64 and ARM64 (and Windows on x86-64)
        assumeTrue(choice.equals("jdk") || System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "aarch64").contains(System.getProperty("os.arch")), "no Conscrypt library for this platform");
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(dir.resolve("boot.json"))
                .withSignatureProvider(RsaSigners.Choice.parse(choice));
        try (TestServer server = TestServer.start(config)) {
            assertThat(signedWith()).startsWith("access tokens are signed with " + signer);
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String[] client = ws.client("[\"workspace:read\"]");

            for (int i = 0; i < 3; i++) {
                TestServer.Response response = server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                        Workspace.basic(client[0], client[1]));
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                String token = response.json().get("access_token").asText();
                SignedJWT jwt = SignedJWT.parse(token);
                JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json", null).body());
                RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
                assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
                assertThat(server.get("/v1/workspaces/" + ws.orgId, token).status()).isEqualTo(200);
            }
        }
    }

    /** The line that names the provider; with {@code auto} it comes from the maintenance thread, after the start. */
    private String signedWith() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<String> lines;
            synchronized (logs) {
                lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            }
            for (String line : lines) {
                if (line.startsWith("access tokens are signed with")) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        return "(no line named the provider)";
    }
}
