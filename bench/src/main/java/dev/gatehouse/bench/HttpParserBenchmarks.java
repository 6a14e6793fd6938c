package dev.gatehouse.bench;

import dev.gatehouse.domain.token.AccessTokenClaims;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Jetty's parsing of one request head on kept-alive connections, as wrk and most clients send them: each
 * connection sends the same {@code Authorization} line again and again. {@code headerCache} is Jetty's
 * per-connection header cache ({@code HttpConfiguration.setHeaderCacheSize}): off (what Gatehouse sets), Jetty's
 * default (1024 characters, matching values without regard to case), or the same matching case; {@code credential} is what follows {@code Bearer}: none (as {@code GET /health}), an API key,
 * or an access token; {@code connections} is how many connections take turns (16 is the load benchmark's), each
 * with its own parser and so its own cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HttpParserBenchmarks {

    @Param({"off", "jettyDefault", "caseSensitive"})
    public String headerCache;

    @Param({"none", "apiKey", "accessToken"})
    public String credential;

    @Param({"16"})
    public int connections;


    private ByteBuffer request;
    private HttpParser[] parsers;
    private Handler handler;
    private int next;

    @Setup
    public void setUp() {
        Fixture fixture = new Fixture(10);
        String authorization = switch (credential) {
            case "none" -> "";
            case "apiKey" -> "Authorization: Bearer " + fixture.apiKey.plaintext().value() + "\r\n";
            case "accessToken" -> "Authorization: Bearer " + accessToken(fixture) + "\r\n";
            default -> throw new IllegalArgumentException(credential);
        };
        String head = "GET /v1/workspaces/o_JwuDlejFk0Tchwx0tp0D2S HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8080\r\n"
                + authorization
                + "\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
        request = ByteBuffer.allocateDirect(bytes.length);
        request.put(bytes).flip();
        handler = new Handler();
        parsers = new HttpParser[connections];
        for (int i = 0; i < connections; i++) {
            parsers[i] = new HttpParser(handler, 8192);
            parsers[i].setHeaderCacheSize(headerCache.equals("off") ? 0 : 1024);
            parsers[i].setHeaderCacheCaseSensitive(headerCache.equals("caseSensitive"));
            // each connection's first request fills its cache; the measured ones are the next
            parse(parsers[i], null);
        }
    }

    private static String accessToken(Fixture fixture) {
        var client = fixture.client.client();
        Instant now = fixture.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return fixture.tokens.sign(new AccessTokenClaims(Fixture.ISSUER, Fixture.ISSUER,
                client.clientId(), client.workspaceId(), client.allowedScopes(), Optional.empty(), now, now,
                now.plus(Fixture.TTL), "benchmarkjti0000000000", client.tokenGeneration()));
    }

    /** One request head parsed into its fields, as the connection does before the request is handled. */
    @Benchmark
    public void parseRequestHead(Blackhole blackhole) {
        next = next + 1 == parsers.length ? 0 : next + 1;
        parse(parsers[next], blackhole);
    }

    private void parse(HttpParser parser, Blackhole blackhole) {
        ByteBuffer buffer = request.duplicate();
        handler.blackhole = blackhole;
        while (!handler.complete && buffer.hasRemaining()) {
            parser.parseNext(buffer);
        }
        if (!handler.complete) {
            throw new IllegalStateException("the request head did not parse");
        }
        handler.complete = false;
        parser.reset();
    }

    private static final class Handler implements HttpParser.RequestHandler {

        Blackhole blackhole;
        boolean complete;

        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
            consume(uri);
        }

        @Override
        public void parsedHeader(HttpField field) {
            consume(field.getValue());
        }

        private void consume(Object value) {
            if (blackhole != null) {
                blackhole.consume(value);
            }
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            complete = true;
            return true;
        }

        @Override
        public void earlyEOF() {
        }
    }
}
