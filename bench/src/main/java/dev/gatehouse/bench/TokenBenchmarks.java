package dev.gatehouse.bench;

import dev.gatehouse.application.auth.service.AuthenticateBearerService;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.IssuedAccessToken;
import dev.gatehouse.application.token.service.IssueAccessTokenService;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.token.AccessTokenClaims;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process costs of the token endpoint and the bearer check (docs/performance.md). {@code clients}
 * is how many other clients the store holds, to show that the costs do not grow with it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TokenBenchmarks {

    @Param({"10"})
    public int clients;

    private Fixture fixture;
    private AccessTokenClaims claims;
    private String token;
    private byte[] tokenBytes;
    private String apiKey;
    private AuthenticateBearerService cold;
    private AuthenticateBearerService cached;
    private IssueAccessTokenService issueFresh;
    private IssueAccessTokenService issueReused;
    private IssueAccessTokenCommand request;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup
    public void setUp() {
        fixture = new Fixture(clients);
        Instant now = fixture.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        claims = claims(now, "benchmarkjti0000000000");
        token = fixture.tokens.sign(claims);
        tokenBytes = token.getBytes(StandardCharsets.ISO_8859_1);
        apiKey = fixture.apiKey.plaintext().value();
        cold = fixture.bearer(0);
        cached = fixture.bearer(10_000);
        issueFresh = fixture.issuer(false);
        issueReused = fixture.issuer(true);
        request = fixture.tokenRequest();
    }

    private AccessTokenClaims claims(Instant now, String jti) {
        var client = fixture.client.client();
        return new AccessTokenClaims(Fixture.ISSUER, Fixture.ISSUER, client.clientId(), client.workspaceId(),
                client.allowedScopes(), Optional.empty(), now, now, now.plus(Fixture.TTL), jti, client.tokenGeneration());
    }

    /** The RS256 signature alone, on fixed claims, as the server signs by default (Conscrypt where it loads): the signing ceiling. */
    @Benchmark
    public String signRs256() {
        return fixture.tokens.sign(claims);
    }

    /** The same signature with the JDK's provider ({@code --signature-provider jdk}). */
    @Benchmark
    public String signRs256Jdk() {
        return fixture.jdkTokens.sign(claims);
    }

    /** Issuing a token: new claims (time, random jti) and their RS256 signature. */
    @Benchmark
    public String issueClaimsAndSign() {
        Instant now = fixture.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return fixture.tokens.sign(claims(now, Base62.random(random, 22)));
    }

    /** A bearer token never seen before: signature, claims, client lookup. */
    @Benchmark
    public Principal verifyTokenCold() {
        return cold.authenticate(token);
    }

    /**
     * A bearer token seen before: the cache, then the revocation checks. The token arrives as a new string, as it
     * does from each request's header, so nothing computed from an earlier string (its hash) is reused.
     */
    @Benchmark
    public Principal verifyTokenCached() {
        return cached.authenticate(new String(tokenBytes, StandardCharsets.ISO_8859_1));
    }

    /** An API key never seen before: checksum, SHA-256, store lookup. */
    @Benchmark
    public Principal verifyApiKeyCold() {
        return cold.authenticate(apiKey);
    }

    /** An API key seen before: checksum, SHA-256, cache. */
    @Benchmark
    public Principal verifyApiKeyCached() {
        return cached.authenticate(apiKey);
    }

    /** The whole token endpoint use case (client authentication, scope, claims, signature), reuse off. */
    @Benchmark
    public IssuedAccessToken tokenUseCase() {
        return issueFresh.issue(request);
    }

    /** The same with token reuse on: the client gets its fresh token back. */
    @Benchmark
    public IssuedAccessToken tokenUseCaseReused() {
        return issueReused.issue(request);
    }
}
