package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request limits over real HTTP: bodies, headers, JSON nesting, slow and idle clients, and open SSE streams
 * per principal.
 */
class RequestLimitsEndToEndTest {

    private static final int MIB = 1024 * 1024;

    private static final int ATTEMPTS = 10;

    @TempDir
    Path dir;

    private TestServer start(UnaryOperator<ServerConfig> configure) {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb()).withBootstrapFile(dir.resolve("boot.json"));
        return TestServer.start(configure.apply(config));
    }

    /**
     * A POST of a body that the server should refuse. The server answers a refused body without reading the rest of
     * it and closes the connection, and a client still sending may then see the connection reset before it has read
     * the {@code 413}: a reset drops what the client had received but not yet read. So the request asks first
     * ({@code Expect: 100-continue}, as curl does for bodies this large), which settles it when the length is
     * declared, and a reset is tried again, up to {@value #ATTEMPTS} times. A server that did not refuse the body
     * would read it and answer otherwise, and fail the assertion.
     */
    private static TestServer.Response post(TestServer server, String path, String bearer, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = server.request(path).header("Content-Type", contentType).expectContinue(true).POST(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        UncheckedIOException reset = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return server.send(request);
            } catch (UncheckedIOException e) {
                reset = e;
            }
        }
        throw reset;
    }

    private static void assertTooLarge(TestServer.Response response) {
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("error").asText()).contains("too large");
    }

    private static String jsonOfSize(int bytes) {
        StringBuilder json = new StringBuilder("{\"name\":\"");
        json.append("a".repeat(bytes - 11));
        return json.append("\"}").toString();
    }

    @Test
    void aOneMebibyteBodyIsRefusedWith413AtTheTokenAdminAndEventEndpoints() throws Exception {
        try (TestServer server = start(c -> c)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("big");
            String big = jsonOfSize(MIB);

            assertTooLarge(post(server, "/v1/oauth/token", null, "application/json", HttpRequest.BodyPublishers.ofString(big)));
            assertTooLarge(post(server, "/v1/oauth/token", null, "application/x-www-form-urlencoded",
                    HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + "a".repeat(MIB))));
            assertTooLarge(post(server, "/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey, "application/json",
                    HttpRequest.BodyPublishers.ofString(big)));
            assertTooLarge(post(server, "/v1/workspaces/" + ws.orgId + "/members", ws.apiKey, "application/json",
                    HttpRequest.BodyPublishers.ofString(big)));
            assertTooLarge(post(server, "/v1/sources/" + source + "/events", ws.apiKey, "application/json",
                    HttpRequest.BodyPublishers.ofString(big)));
        }
    }

    /**
     * A client that sends a refused body whole, without asking first, as browsers do, and is still sending when the
     * server has decided: it must read the 413, not a reset. The body goes in two halves with a pause between them,
     * so that the server has refused it (by its declared length) before the second half is written.
     */
    @Test
    void aBodySentWholeWithoutAskingFirstStillGetsItsAnswer() throws Exception {
        try (TestServer server = start(c -> c)) {
            URI base = URI.create(server.base);
            byte[] body = ("grant_type=client_credentials&scope=" + "a".repeat(512 * 1024)).getBytes(StandardCharsets.US_ASCII);
            for (int attempt = 0; attempt < 3; attempt++) {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v1/oauth/token HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    Thread.sleep(300);
                    out.write(body, body.length / 2, body.length - body.length / 2);
                    out.flush();

                    String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    assertThat(answer).as("attempt %d", attempt).isEqualTo("HTTP/1.1 413");
                }
            }
        }
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCountedAsItArrives() throws Exception {
        try (TestServer server = start(c -> c)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            byte[] big = jsonOfSize(MIB).getBytes(StandardCharsets.UTF_8);

            TestServer.Response response = post(server, "/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey, "application/json",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

            assertTooLarge(response);
        }
    }

    @Test
    void aBodyUnderTheLimitIsStillAccepted() throws Exception {
        try (TestServer server = start(c -> c)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("fits");
            String event = "{\"data\":\"" + "a".repeat(60 * 1024) + "\"}";

            assertThat(server.postJson("/v1/sources/" + source + "/events", ws.apiKey, event).status()).isEqualTo(202);
        }
    }

    @Test
    void headersBeyondTheLimitGet431() throws Exception {
        try (TestServer server = start(c -> c)) {
            TestServer.Response ok = server.send(server.request("/health").GET().header("X-Padding", "a".repeat(8 * 1024)));
            TestServer.Response tooBig = server.send(server.request("/health").GET().header("X-Padding", "a".repeat(20 * 1024)));

            assertThat(ok.status()).isEqualTo(200);
            assertThat(tooBig.status()).isEqualTo(431);
        }
    }

    @Test
    void deeplyNestedJsonIsABadRequestEverywhere() throws Exception {
        try (TestServer server = start(c -> c)) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("deep");
            String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);

            TestServer.Response admin = server.postJson("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey, deep);
            TestServer.Response event = server.postJson("/v1/sources/" + source + "/events", ws.apiKey, deep);
            TestServer.Response token = server.postJson("/v1/oauth/token", null, deep);

            assertThat(admin.status()).isEqualTo(400);
            assertThat(admin.json().get("error").asText()).isNotBlank();
            assertThat(event.status()).isEqualTo(400);
            assertThat(token.status()).isEqualTo(400);
            assertThat(token.json().get("error").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAfterTheHeaderTimeout() throws Exception {
        RequestLimits limits = new RequestLimits(RequestLimits.DEFAULT_MAX_BODY_BYTES, RequestLimits.DEFAULT_MAX_HEADER_BYTES,
                Duration.ofSeconds(30), Duration.ofSeconds(2), 20);
        try (TestServer server = start(c -> c.withRequestLimits(limits))) {
            byte[] request = ("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(400)).getBytes(StandardCharsets.US_ASCII);
            long started = System.nanoTime();
            boolean cutOff = false;
            try (Socket socket = new Socket("127.0.0.1", server.gatehouse.port())) {
                socket.setSoTimeout(100);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (int i = 0; i < request.length && !cutOff; i++) {
                    out.write(request[i]);
                    out.flush();
                    cutOff = closedByServer(in);
                }
            } catch (SocketException e) {
                cutOff = true;
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            assertThat(cutOff).as("the server closed the connection").isTrue();
            assertThat(seconds).as("seconds until cut off").isBetween(1L, 8L);
        }
    }

    /** Whether the server has closed the connection: a read that ends, rather than timing out. */
    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void anIdleConnectionIsClosedButAnSseStreamStaysOpenOnItsHeartbeat() throws Exception {
        RequestLimits limits = new RequestLimits(RequestLimits.DEFAULT_MAX_BODY_BYTES, RequestLimits.DEFAULT_MAX_HEADER_BYTES,
                Duration.ofSeconds(2), Duration.ofSeconds(10), 20);
        try (TestServer server = start(c -> c.withSseHeartbeat(Duration.ofMillis(500)).withRequestLimits(limits))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("kept");
            try (SseReader stream = SseReader.open(server.base + "/v1/sources/" + source + "/sse", ws.apiKey, Optional.empty());
                 Socket idle = new Socket("127.0.0.1", server.gatehouse.port())) {
                idle.setSoTimeout(8000);
                long started = System.nanoTime();

                int read = idle.getInputStream().read();
                long idleSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                Thread.sleep(1500);
                ws.emit(source, "{\"after\":\"idle\"}");

                assertThat(read).as("the idle connection was closed").isEqualTo(-1);
                assertThat(idleSeconds).isBetween(1L, 7L);
                assertThat(stream.status).isEqualTo(200);
                assertThat(stream.next(Duration.ofSeconds(5)).data()).contains("\"after\":\"idle\"");
            }
        }
    }

    @Test
    void sseStreamsAreCappedPerPrincipal() throws Exception {
        RequestLimits limits = new RequestLimits(RequestLimits.DEFAULT_MAX_BODY_BYTES, RequestLimits.DEFAULT_MAX_HEADER_BYTES,
                Duration.ofSeconds(30), Duration.ofSeconds(10), 2);
        try (TestServer server = start(c -> c.withSseHeartbeat(Duration.ofMillis(500)).withRequestLimits(limits))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("capped");
            String url = server.base + "/v1/sources/" + source + "/sse";
            String token = ws.token("[\"sources:read\"]");
            List<SseReader> open = new ArrayList<>();
            try {
                open.add(SseReader.open(url, ws.apiKey, Optional.empty()));
                open.add(SseReader.open(url, ws.apiKey, Optional.empty()));
                TestServer.Response third = server.send(server.request("/v1/sources/" + source + "/sse").GET()
                        .header("Authorization", "Bearer " + ws.apiKey));
                SseReader otherPrincipal = SseReader.open(url, token, Optional.empty());
                open.add(otherPrincipal);

                assertThat(open.get(0).status).isEqualTo(200);
                assertThat(open.get(1).status).isEqualTo(200);
                assertThat(third.status()).isEqualTo(429);
                assertThat(third.json().get("error").asText()).contains("too many open event streams").contains("at most 2");
                assertThat(otherPrincipal.status).as("another principal has slots of its own").isEqualTo(200);

                open.remove(0).close();
                assertThat(reopenedWithin(url, ws.apiKey, Duration.ofSeconds(5), open)).isTrue();
            } finally {
                for (SseReader reader : open) {
                    reader.close();
                }
            }
        }
    }

    /** A closed stream frees its slot once the server notices (at its next write, within a second or a heartbeat). */
    private static boolean reopenedWithin(String url, String bearer, Duration timeout, List<SseReader> open) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SseReader reader = SseReader.open(url, bearer, Optional.empty());
            if (reader.status == 200) {
                open.add(reader);
                return true;
            }
            reader.close();
            Thread.sleep(200);
        }
        return false;
    }
}
