package dev.gatehouse.adapter.out.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSet;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.application.auth.port.in.InvalidCredentialException;
import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.auth.service.CredentialRevocations;
import dev.gatehouse.application.testing.InMemoryStores;
import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.application.token.port.out.AccessTokenVerifier.InvalidAccessTokenException;
import dev.gatehouse.application.token.service.SigningKeySchedule;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Fuzzes the bearer credential checks below HTTP: {@link JoseAccessTokens#verify} and
 * {@link AuthenticateBearerService#authenticate} with the real verifier. Each may refuse a credential only with the
 * exception its port documents ({@link InvalidAccessTokenException}, {@link InvalidCredentialException}); anything
 * else escaping is a finding. What they accept must be the genuine credential's principal and claims, never
 * something an input made up. Inputs may use {@code $TOKEN} (a genuine token), {@code $HEADER}, {@code $PAYLOAD} and
 * {@code $SIGNATURE} (its three parts) and {@code $KEY} (a genuine API key).
 */
class BearerCredentialFuzzTest {

    private static final String ISSUER = "https://auth.gatehouse.test";

    private static JoseAccessTokens tokens;
    private static AuthenticateBearerService service;
    private static String token;
    private static AccessTokenClaims claims;
    private static String apiKey;
    private static OAuthClient client;
    private static User user;

    /** Built at the first input, so that the classes under test load after Jazzer's agent and are instrumented. */
    private static synchronized void ensureReady() {
        if (tokens != null) {
            return;
        }
        Clock clock = Clock.systemUTC();
        TestData data = new TestData(new SplittableRandom(9));
        Stores stores = InMemoryStores.create();
        tokens = JoseAccessTokens.loadOrCreate(stores.signingKeys(), new SigningKeySchedule(Duration.ofDays(1)), ISSUER, clock);
        Workspace workspace = data.addWorkspace(stores);
        client = data.registration(workspace.id(), clock.instant(), "*").client();
        stores.clients().add(client);
        user = data.addUser(stores);
        ApiKey.Issued issued = data.apiKey(user.id(), clock.instant());
        stores.apiKeys().save(issued.key());
        apiKey = issued.plaintext().value();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        claims = new AccessTokenClaims(ISSUER, ISSUER, client.clientId(), workspace.id(), client.allowedScopes(),
                Optional.of(ImmutableSet.of(ProjectId.generate(data.random()))), now, now, now.plus(Duration.ofDays(1)), "jti-fuzz");
        token = tokens.sign(claims);
        CredentialRevocations revocations = new CredentialRevocations(stores.revokedTokens(), stores.apiKeys(), stores.clients(), clock);
        service = new AuthenticateBearerService(stores.apiKeys(), tokens, stores.clients(), revocations, clock, 100);
    }

    /** {@link JoseAccessTokens#verify}: refuses with {@link InvalidAccessTokenException} only; accepts only what it signed. */
    @FuzzTest(maxDuration = "5m")
    void verifyAccessToken(byte[] input) {
        ensureReady();
        String candidate = fill(new String(input, StandardCharsets.UTF_8));
        AccessTokenClaims verified;
        try {
            verified = tokens.verify(candidate);
        } catch (InvalidAccessTokenException refused) {
            return;
        }
        assertThat(verified).isEqualTo(claims);
    }

    /** {@link AuthenticateBearerService#authenticate}: refuses with {@link InvalidCredentialException} only. */
    @FuzzTest(maxDuration = "5m")
    void authenticateBearer(byte[] input) {
        ensureReady();
        String candidate = fill(new String(input, StandardCharsets.UTF_8));
        Principal principal;
        try {
            principal = service.authenticate(candidate);
        } catch (InvalidCredentialException refused) {
            return;
        }
        if (principal instanceof Principal.User caller) {
            assertThat(caller.userId()).isEqualTo(user.id());
        } else {
            assertThat(((Principal.WorkspaceClient) principal).clientId()).isEqualTo(client.clientId());
            assertThat(((Principal.WorkspaceClient) principal).tokenId()).isEqualTo(claims.jwtId());
        }
    }

    private static String fill(String text) {
        String[] parts = token.split("\\.");
        return text.replace("$TOKEN", token).replace("$HEADER", parts[0]).replace("$PAYLOAD", parts[1])
                .replace("$SIGNATURE", parts[2]).replace("$KEY", apiKey);
    }
}
