package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole first slice over real HTTP and a real H2 file database: bootstrap, client creation, the three
 * ways to get a token, the RFC errors, JWKS verification, a restart, and a log that holds no secret.
 */
class CoreFlowEndToEndTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        rootLogger().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        rootLogger().detachAppender(logs);
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void adminCreatesClientWhichGetsTokensThatVerifyAndSurviveRestart() throws Exception {
        String dbUrl = "jdbc:h2:file:" + dir.resolve("db");
        Path bootFile = dir.resolve("boot.json");
        String accessToken;
        String clientId;
        String secret;
        String orgId;
        String apiKey;
        String issuer;
        String stdoutFirst;
        try (TestServer server = TestServer.start(dbUrl, Optional.of(bootFile))) {
            issuer = server.gatehouse.issuer();
            assertThat(server.stdout()).contains("gatehouse listening on " + server.base);
            assertThat(Files.getPosixFilePermissions(bootFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            JsonNode boot = TestServer.JSON.readTree(Files.readString(bootFile));
            apiKey = boot.get("api_key").asText();
            orgId = boot.get("workspace_id").asText();
            secrets.add(apiKey);
            secrets.add(boot.get("password").asText());
            assertThat(orgId).matches("o_[0-9A-Za-z]+");
            assertThat(boot.get("user_id").asText()).matches("u_[0-9A-Za-z]+");
            stdoutFirst = server.stdout();
            assertThat(stdoutFirst).contains(apiKey);

            TestServer.Response created = server.postJson("/v1/workspaces/" + orgId + "/oauth_clients", apiKey,
                    "{\"name\":\"e2e\",\"scopes\":[\"workspace:read\",\"sources:read\"]}");
            assertThat(created.status()).isEqualTo(201);
            JsonNode data = created.json().get("data");
            clientId = data.get("client_id").asText();
            secret = data.get("client_secret").asText();
            secrets.add(secret);
            assertThat(data.get("id").asText()).matches("oc_[0-9A-Za-z]+");
            assertThat(data.get("scopes").toString()).isEqualTo("[\"workspace:read\",\"sources:read\"]");
            assertThat(data.get("projects").isNull()).isTrue();

            TestServer.Response list = server.get("/v1/workspaces/" + orgId + "/oauth_clients", apiKey);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains(clientId).doesNotContain(secret).doesNotContain("client_secret");

            TestServer.Response json = server.postJson("/v1/oauth/token", null, "{\"grant_type\":\"client_credentials\","
                    + "\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\",\"project_id\":\"proj_x\"}");
            assertTokenResponse(json, "workspace:read sources:read");
            TestServer.Response form = server.postForm("/v1/oauth/token", "grant_type=client_credentials&client_id="
                    + enc(clientId) + "&client_secret=" + enc(secret) + "&scope=workspace%3Aread", null);
            assertTokenResponse(form, "workspace:read");
            TestServer.Response basic = server.postForm("/v1/oauth/token", "grant_type=client_credentials", basic(clientId, secret));
            assertTokenResponse(basic, "workspace:read sources:read");
            accessToken = json.json().get("access_token").asText();
            secrets.add(accessToken);
            secrets.add(form.json().get("access_token").asText());
            secrets.add(basic.json().get("access_token").asText());

            JWTClaimsSet claims = verifyWithJwks(server, accessToken, issuer);
            assertThat(claims.getSubject()).isEqualTo(clientId);
            assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
            assertThat(claims.getStringClaim("workspace_id")).isEqualTo(orgId);
            assertThat(claims.getAudience()).containsExactly(issuer);
            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
            assertThat(claims.getClaim("projects")).isNull();

            TestServer.Response wrong = server.postForm("/v1/oauth/token", "grant_type=client_credentials",
                    basic(clientId, secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A")));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_client");
            assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");

            TestServer.Response workspace = server.get("/v1/workspaces/" + orgId, accessToken);
            assertThat(workspace.status()).isEqualTo(200);
            assertThat(workspace.json().at("/data/id").asText()).isEqualTo(orgId);

            TestServer.Response tokenOnAdmin = server.get("/v1/workspaces/" + orgId + "/oauth_clients", accessToken);
            assertThat(tokenOnAdmin.status()).isEqualTo(403);
            assertThat(tokenOnAdmin.json().get("error").asText()).contains("API key");
        }

        try (TestServer again = TestServer.start(dbUrl, Optional.of(dir.resolve("boot2.json")), 0, Optional.of(issuer))) {
            assertThat(dir.resolve("boot2.json")).doesNotExist();
            assertThat(again.stdout()).doesNotContain(apiKey);
            verifyWithJwks(again, accessToken, issuer);
            assertThat(again.get("/v1/workspaces/" + orgId, accessToken).status()).isEqualTo(200);
            assertThat(again.get("/v1/users/me", apiKey).status()).isEqualTo(200);
            TestServer.Response token = again.postForm("/v1/oauth/token", "grant_type=client_credentials", basic(clientId, secret));
            assertTokenResponse(token, "workspace:read sources:read");
            secrets.add(token.json().get("access_token").asText());
        }

        assertThat(logs.list).as("something was logged").isNotNull();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (String secretValue : secrets) {
                assertThat(line).doesNotContain(secretValue);
            }
        }
        String stdoutAfterBootstrap = stdoutFirst.substring(stdoutFirst.indexOf("gatehouse listening on"));
        for (String secretValue : secrets) {
            assertThat(stdoutAfterBootstrap).doesNotContain(secretValue);
        }
    }

    private static void assertTokenResponse(TestServer.Response response, String scope) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Pragma")).isEqualTo("no-cache");
        JsonNode body = response.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").isNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("created_at").isNumber()).isTrue();
        assertThat(body.get("scope").asText()).isEqualTo(scope);
        assertThat(body.get("access_token").asText().split("\\.")).hasSize(3);
    }

    private static JWTClaimsSet verifyWithJwks(TestServer server, String token, String issuer) throws Exception {
        JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json", null).body());
        assertThat(jwks.getKeys()).allMatch(k -> !k.isPrivate());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(issuer,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "iat", "nbf", "jti", "sub", "scope")));
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isNotBlank();
        return processor.process(token, null);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }
}
