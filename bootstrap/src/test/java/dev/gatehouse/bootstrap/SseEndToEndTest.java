package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event sources over real SSE streams read with java.net.http. */
class SseEndToEndTest {

    @TempDir
    Path dir;

    private TestServer start(ServerConfig config) {
        return TestServer.start(config.withBootstrapFile(dir.resolve("boot.json")));
    }

    private static ServerConfig config() {
        return ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb());
    }

    @Test
    void eventsArriveInOrderAndReconnectingWithLastEventIdReplaysExactlyTheMissedOnes() throws Exception {
        try (TestServer server = start(config())) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("orders");
            List<String> ids = new ArrayList<>();
            try (SseReader stream = SseReader.open(server.base + "/sources/" + source + "/sse", ws.apiKey, Optional.empty())) {
                assertThat(stream.status).isEqualTo(200);
                assertThat(stream.contentType).startsWith("text/event-stream");
                for (int n = 1; n <= 3; n++) {
                    ids.add(ws.emit(source, "{\"n\":" + n + ",\"nested\":{\"a\":[1,2]}}"));
                }
                for (int n = 1; n <= 3; n++) {
                    SseReader.Event event = stream.next(Duration.ofSeconds(5));
                    assertThat(event.id()).isEqualTo(ids.get(n - 1)).matches("[0-9]+-" + n);
                    JsonNode data = TestServer.JSON.readTree(event.data());
                    assertThat(data.get("id").asText()).isEqualTo(event.id());
                    assertThat(data.get("ts").isNumber()).isTrue();
                    assertThat(data.get("event").toString()).isEqualTo("{\"n\":" + n + ",\"nested\":{\"a\":[1,2]}}");
                }
            }
            String token = ws.token("[\"sources:read\"]");
            try (SseReader resumed = SseReader.open(server.base + "/v1/sources/" + source + "/sse", token, Optional.of(ids.get(0)))) {
                assertThat(resumed.next(Duration.ofSeconds(5)).id()).isEqualTo(ids.get(1));
                assertThat(resumed.next(Duration.ofSeconds(5)).id()).isEqualTo(ids.get(2));
                assertThat(resumed.quietFor(Duration.ofMillis(300))).isTrue();
                String fourth = ws.emit(source, "{\"n\":4}");
                assertThat(resumed.next(Duration.ofSeconds(5)).id()).isEqualTo(fourth);
            }
        }
    }

    @Test
    void aHandshakeCommentIsSentAtTheStartAndEveryHeartbeat() throws Exception {
        try (TestServer server = start(config().withSseHeartbeat(Duration.ofSeconds(1)))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("quiet");
            try (SseReader stream = SseReader.open(server.base + "/v1/sources/" + source + "/sse", ws.apiKey, Optional.empty())) {
                Thread.sleep(2600);
                assertThat(stream.comments.stream().filter("sse-handshake"::equals).count()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void theStreamEndsWhenItsTokenExpires() throws Exception {
        try (TestServer server = start(config().withTokenTtl(Duration.ofSeconds(2)))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("expiring");
            String token = ws.token("[\"sources:read\"]");
            long exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().getTime();
            try (SseReader stream = SseReader.open(server.base + "/v1/sources/" + source + "/sse", token, Optional.empty())) {
                String id = ws.emit(source, "{\"before\":\"expiry\"}");
                assertThat(stream.next(Duration.ofSeconds(2)).id()).isEqualTo(id);
                long endedAt = stream.awaitEnd(Duration.ofSeconds(6));
                assertThat(endedAt).isBetween(exp - 200, exp + 2000);
            }
        }
    }

    @Test
    void theStreamEndsWithinASecondWhenItsTokenOrKeyIsRevoked() throws Exception {
        try (TestServer server = start(config())) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("revoked");
            String[] client = ws.client("[\"sources:read\"]");
            String token = ws.token(client[0], client[1]);
            try (SseReader byToken = SseReader.open(server.base + "/v1/sources/" + source + "/sse", token, Optional.empty());
                 SseReader byKey = SseReader.open(server.base + "/v1/sources/" + source + "/sse", ws.apiKey, Optional.empty())) {
                Thread.sleep(300);
                long revokedAt = System.currentTimeMillis();
                assertThat(server.postForm("/v1/oauth/revoke", "token=" + token, Workspace.basic(client[0], client[1])).status())
                        .isEqualTo(200);
                assertThat(byToken.awaitEnd(Duration.ofSeconds(3)) - revokedAt).isLessThanOrEqualTo(1500);

                revokedAt = System.currentTimeMillis();
                assertThat(server.postJson("/v1/users/me/api_key/revoke", ws.apiKey, "").status()).isEqualTo(200);
                assertThat(byKey.awaitEnd(Duration.ofSeconds(3)) - revokedAt).isLessThanOrEqualTo(1500);
            }
        }
    }

    @Test
    void aReaderThatNeverReadsStallsNeitherTheEmitterNorAFastReader() throws Exception {
        int count = 1500;
        String payload = "{\"blob\":\"" + "x".repeat(24_000) + "\"}";
        try (TestServer server = start(config())) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("firehose");
            URI base = URI.create(server.base);
            try (Socket slow = new Socket();
                 SseReader fast = SseReader.open(server.base + "/v1/sources/" + source + "/sse", ws.apiKey, Optional.empty())) {
                slow.setReceiveBufferSize(4096);
                slow.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
                OutputStream request = slow.getOutputStream();
                request.write(("GET /v1/sources/" + source + "/sse HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                        + "Authorization: Bearer " + ws.apiKey + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                request.flush();
                Thread.sleep(300);

                for (int n = 0; n < count; n++) {
                    ws.emit(source, payload);
                }
                for (int n = 1; n <= count; n++) {
                    assertThat(fast.next(Duration.ofSeconds(10)).id()).endsWith("-" + n);
                }

                InputStream in = slow.getInputStream();
                slow.setSoTimeout(20_000);
                byte[] buffer = new byte[65536];
                String window = "";
                long total = 0;
                int read;
                while ((read = in.read(buffer)) != -1) {
                    total += read;
                    window = window + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                    window = window.substring(Math.max(0, window.length() - 4096));
                    if (window.contains("reconnect with Last-Event-ID")) {
                        break;
                    }
                }
                assertThat(window).contains(": the reader fell behind; reconnect with Last-Event-ID");
                assertThat(total).as("the slow reader got less than everything").isLessThan((long) count * payload.length());
            }
        }
    }

    @Test
    void moreStreamsThanRequestThreadsStayOpenGetEveryEventAndLeaveRequestsAnswered() throws Exception {
        int streams = 260; // more than the server's 200 request threads: a stream must not hold one
        RequestLimits limits = new RequestLimits(RequestLimits.DEFAULT_MAX_BODY_BYTES, RequestLimits.DEFAULT_MAX_HEADER_BYTES,
                Duration.ofSeconds(30), Duration.ofSeconds(10), streams);
        try (TestServer server = start(config().withRequestLimits(limits))) {
            Workspace ws = Workspace.of(server, dir.resolve("boot.json"));
            String source = ws.source("crowd");
            URI base = URI.create(server.base);
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int n = 0; n < streams; n++) {
                    Socket socket = new Socket(base.getHost(), base.getPort());
                    sockets.add(socket);
                    socket.setSoTimeout(20_000);
                    socket.getOutputStream().write(("GET /v1/sources/" + source + "/sse HTTP/1.1\r\nHost: " + base.getHost()
                            + "\r\nAuthorization: Bearer " + ws.apiKey + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket socket : sockets) {
                    assertThat(readUntil(socket.getInputStream(), ":sse-handshake")).startsWith("HTTP/1.1 200");
                }
                assertThat(server.get("/health", null).status()).as("a request while every stream is open").isEqualTo(200);

                String id = ws.emit(source, "{\"to\":\"everyone\"}");
                for (Socket socket : sockets) {
                    assertThat(readUntil(socket.getInputStream(), "id: " + id)).contains("id: " + id);
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    /** Reads the socket until {@code marker} has been read; returns what was read. */
    private static String readUntil(InputStream in, String marker) throws java.io.IOException {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (read.indexOf(marker) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the stream ended before " + marker + ": " + read);
            }
            read.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return read.toString();
    }
}
