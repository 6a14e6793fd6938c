package dev.gatehouse.adapter.in.http.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Writes an {@link EventStream} as {@code text/event-stream} on the request's own thread: each event as
 * {@code id:} and {@code data: {"id","ts","event"}}, a {@code :sse-handshake} comment at the start and every
 * heartbeat interval. The stream ends when the caller's credential stops being valid (checked at least once
 * a second and at its expiry), when the reader falls behind (with a final comment telling it to resume with
 * {@code Last-Event-ID}), when the reader goes away, or when the server stops.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">Server-sent events</a>
 */
public final class SseWriter {

    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final byte[] HANDSHAKE = ":sse-handshake\n\n".getBytes(StandardCharsets.UTF_8);

    private final Duration heartbeat;
    private final Clock clock;
    private final BooleanSupplier serverStopping;

    public SseWriter(Duration heartbeat, Clock clock, BooleanSupplier serverStopping) {
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.serverStopping = serverStopping;
    }

    /**
     * Streams until one of the ends above.
     *
     * @param credentialValid whether the caller's credential is still live (not revoked, client not deleted)
     * @param credentialExpiry when the credential expires, if it does
     */
    public void stream(Context ctx, EventStream events, BooleanSupplier credentialValid, Optional<Instant> credentialExpiry)
            throws IOException {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        try (events) {
            out.write(HANDSHAKE);
            out.flush();
            Instant nextHeartbeat = clock.instant().plus(heartbeat);
            while (!serverStopping.getAsBoolean()) {
                Instant now = clock.instant();
                if (credentialExpiry.isPresent() && !now.isBefore(credentialExpiry.get())) {
                    comment(out, "the credential expired");
                    return;
                }
                if (!credentialValid.getAsBoolean()) {
                    comment(out, "the credential was revoked");
                    return;
                }
                if (!now.isBefore(nextHeartbeat)) {
                    out.write(HANDSHAKE);
                    out.flush();
                    nextHeartbeat = now.plus(heartbeat);
                }
                Optional<StreamedEvent> event = events.next(wait(now, nextHeartbeat, credentialExpiry));
                if (event.isPresent()) {
                    write(out, event.get());
                    out.flush();
                } else if (events.overflowed()) {
                    comment(out, "the reader fell behind; reconnect with Last-Event-ID to resume");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the reader went away
        }
    }

    private static Duration wait(Instant now, Instant nextHeartbeat, Optional<Instant> expiry) {
        Duration wait = CHECK_INTERVAL;
        Duration untilHeartbeat = Duration.between(now, nextHeartbeat);
        if (untilHeartbeat.compareTo(wait) < 0) {
            wait = untilHeartbeat;
        }
        if (expiry.isPresent()) {
            Duration untilExpiry = Duration.between(now, expiry.get());
            if (untilExpiry.compareTo(wait) < 0) {
                wait = untilExpiry;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static void write(OutputStream out, StreamedEvent event) throws IOException {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("id", event.id());
        data.put("ts", event.timestampMillis());
        if (event.eventJson().isPresent()) {
            data.putRawValue("event", new RawValue(event.eventJson().get()));
        } else {
            data.set("event", Json.mapper().valueToTree(event.eventFields()));
        }
        String frame = "id: " + event.id() + "\ndata: " + Json.mapper().writeValueAsString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static void comment(OutputStream out, String text) throws IOException {
        out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
