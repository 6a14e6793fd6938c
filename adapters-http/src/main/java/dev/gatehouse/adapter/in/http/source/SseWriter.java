package dev.gatehouse.adapter.in.http.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes {@link EventStream}s as {@code text/event-stream}: each event as {@code id:} and
 * {@code data: {"id","ts","event"}}, a {@code :sse-handshake} comment at the start and every heartbeat interval.
 * A stream ends when the caller's credential stops being valid (checked at least once a second and at its
 * expiry), when the reader falls behind (with a final comment telling it to resume with {@code Last-Event-ID}),
 * when the reader goes away, or when the server stops.
 *
 * <p>No thread waits on an open stream. The request is made asynchronous and its output non-blocking; a small
 * pool takes a stream's turn when an event is published to it, when its output can take more bytes, and at its
 * next check or heartbeat. So the number of open streams is bounded by memory and sockets, not by the request
 * threads. A reader that stops reading stops being written to: its bytes wait (a few KiB at most) and its
 * events wait in its bounded queue, which ends the stream when it overflows.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">Server-sent events</a>
 * @see <a href="https://jakarta.ee/specifications/servlet/6.0/jakarta-servlet-spec-6.0#non-blocking-io">Servlet non-blocking I/O</a>
 */
public final class SseWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SseWriter.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Events taken from a stream's queue in one turn before others get theirs. */
    private static final int EVENTS_PER_TURN = 64;
    /** Bytes waiting for a slow reader beyond which no more events are taken from its queue. */
    private static final int HIGH_WATER = 16 * 1024;
    private static final byte[] HANDSHAKE = ":sse-handshake\n\n".getBytes(StandardCharsets.UTF_8);

    private final Duration heartbeat;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor turns;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public SseWriter(Duration heartbeat, Clock clock) {
        this(heartbeat, clock, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    SseWriter(Duration heartbeat, Clock clock, int threads) {
        this.heartbeat = heartbeat;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.turns = new ScheduledThreadPoolExecutor(threads, task -> {
            Thread thread = new Thread(task, "gatehouse-sse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.turns.setRemoveOnCancelPolicy(true);
    }

    /**
     * Makes the request asynchronous and streams {@code events} to it until one of the ends above; the returned
     * future completes when the stream has ended and its events are closed.
     *
     * @param credentialValid whether the caller's credential is still live (not revoked, client not deleted)
     * @param credentialExpiry when the credential expires, if it does
     */
    public CompletableFuture<Void> stream(Context ctx, EventStream events, BooleanSupplier credentialValid,
                                          Optional<Instant> credentialExpiry) {
        Stream stream = new Stream(ctx.res(), events, credentialValid, credentialExpiry);
        ctx.future(() -> {
            stream.start();
            return stream.ended;
        });
        return stream.ended;
    }

    /** How many streams are open now. */
    public int openStreams() {
        return open.size();
    }

    /** Ends every open stream (waiting up to two seconds for them to finish) and stops the pool. */
    @Override
    public void close() {
        stopping = true;
        open.forEach(Stream::wake);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        turns.shutdownNow();
    }

    private final class Stream implements WriteListener {

        private final HttpServletResponse response;
        private final EventStream events;
        private final BooleanSupplier credentialValid;
        private final Optional<Instant> credentialExpiry;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final AtomicBoolean queued = new AtomicBoolean();
        /** The request's logging context (its request id), for what is logged on the pool's threads. */
        private final Map<String, String> logContext;
        // guarded by this
        private final ByteArrayOutputStream waiting = new ByteArrayOutputStream(256);
        private ServletOutputStream out;
        private boolean flushOwed;
        private boolean closing;
        private boolean finished;
        private volatile Throwable failure;
        private Instant nextHeartbeat;
        private ScheduledFuture<?> timer;
        private long timerDueNanos;

        Stream(HttpServletResponse response, EventStream events, BooleanSupplier credentialValid,
               Optional<Instant> credentialExpiry) {
            this.response = response;
            this.events = events;
            this.credentialValid = credentialValid;
            this.credentialExpiry = credentialExpiry;
            Map<String, String> context = MDC.getCopyOfContextMap();
            this.logContext = context == null ? Map.of() : context;
        }

        /** Runs once the request is asynchronous: sends the headers' worth and hands the stream to the pool. */
        void start() {
            try {
                response.setStatus(200);
                response.setContentType("text/event-stream;charset=utf-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                synchronized (this) {
                    waiting.writeBytes(HANDSHAKE);
                    nextHeartbeat = clock.instant().plus(heartbeat);
                    out = response.getOutputStream();
                }
                open.add(this);
                events.onAvailable(this::wake);
                out.setWriteListener(this);
                wake();
            } catch (IOException e) {
                finish();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                finish();
                throw e;
            }
        }

        @Override
        public void onWritePossible() {
            wake();
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            wake();
        }

        /** Asks for a turn on the pool; a stream waiting for one already is not queued twice. */
        void wake() {
            if (ended.isDone() || !queued.compareAndSet(false, true)) {
                return;
            }
            try {
                turns.execute(this::turn);
            } catch (RejectedExecutionException e) {
                finish();
            }
        }

        private void turn() {
            queued.set(false);
            MDC.setContextMap(logContext);
            try {
                boolean end;
                synchronized (this) {
                    end = step();
                }
                if (end) {
                    finish();
                }
            } finally {
                MDC.clear();
            }
        }

        /** One turn: checks, heartbeat, events, writing. True when the stream is to end now. */
        private boolean step() {
            if (finished) {
                return false;
            }
            if (stopping || failure != null) {
                return true;
            }
            try {
                if (closing) {
                    return write();
                }
                Instant now = clock.instant();
                if (credentialExpiry.isPresent() && !now.isBefore(credentialExpiry.get())) {
                    return lastWords("the credential expired");
                }
                if (!credentialValid.getAsBoolean()) {
                    // what was recorded before the revocation was seen still goes out (the revocation's own
                    // audit event among it), then the stream ends
                    events.catchUp();
                    take(EVENTS_PER_TURN);
                    return lastWords("the credential was revoked");
                }
                if (!now.isBefore(nextHeartbeat)) {
                    if (waiting.size() < HIGH_WATER) {
                        waiting.writeBytes(HANDSHAKE);
                    }
                    nextHeartbeat = now.plus(heartbeat);
                }
                int taken = 0;
                while (true) {
                    taken += take(EVENTS_PER_TURN - taken);
                    // take stops at the turn's share, at the high-water mark, or when the queue is empty
                    boolean queueEmpty = taken < EVENTS_PER_TURN && waiting.size() < HIGH_WATER;
                    if (queueEmpty && events.overflowed()) {
                        return lastWords("the reader fell behind; reconnect with Last-Event-ID to resume");
                    }
                    if (!write()) {
                        break; // the output is busy: onWritePossible gives the next turn
                    }
                    if (queueEmpty) {
                        break;
                    }
                    if (taken >= EVENTS_PER_TURN) {
                        wake(); // more may wait: let the other streams have a turn first
                        break;
                    }
                }
                schedule(now);
                return false;
            } catch (IOException e) {
                return true; // the reader went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (RuntimeException e) {
                LOG.warn("event stream ended by an unexpected error", e);
                return true;
            }
        }

        /** Takes up to {@code most} events without waiting, while fewer than {@link #HIGH_WATER} bytes wait; how many. */
        private int take(int most) throws IOException, InterruptedException {
            int taken = 0;
            while (taken < most && waiting.size() < HIGH_WATER) {
                Optional<StreamedEvent> event = events.next(Duration.ZERO);
                if (event.isEmpty()) {
                    break;
                }
                waiting.writeBytes(frame(event.get()));
                taken++;
            }
            return taken;
        }

        /** Writes what waits as far as the output takes it; true when all of it was handed over. */
        private boolean write() throws IOException {
            while (out.isReady()) {
                if (waiting.size() > 0) {
                    // a fresh array: the output may keep it until the write completes
                    byte[] bytes = waiting.toByteArray();
                    waiting.reset();
                    if (out instanceof HttpOutput jetty) {
                        // written at once, past Jetty's aggregation buffer, which would otherwise be held (32 KiB
                        // of direct memory) for the whole life of the stream
                        jetty.write(ByteBuffer.wrap(bytes));
                    } else {
                        out.write(bytes);
                        flushOwed = true;
                    }
                } else if (flushOwed) {
                    flushOwed = false;
                    out.flush();
                } else {
                    return true;
                }
            }
            return false; // onWritePossible wakes the stream when the reader has taken some
        }

        /**
         * Writes a final comment after what already waits, and ends the stream once the output has taken it (a
         * reader that never takes it is cut by the idle timeout, which fails the write).
         */
        private boolean lastWords(String text) throws IOException {
            waiting.writeBytes((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
            closing = true;
            if (timer != null) {
                timer.cancel(false);
            }
            return write();
        }

        /** Keeps one timer for the next check, heartbeat or credential expiry, whichever is first. */
        private void schedule(Instant now) {
            Instant at = now.plus(CHECK_INTERVAL);
            if (nextHeartbeat.isBefore(at)) {
                at = nextHeartbeat;
            }
            if (credentialExpiry.isPresent() && credentialExpiry.get().isBefore(at)) {
                at = credentialExpiry.get();
            }
            long delay = Math.max(0, Duration.between(now, at).toNanos());
            long due = System.nanoTime() + delay;
            // a timer not yet due (by the scheduler's own clock) that fires no later is kept
            if (timer != null && System.nanoTime() - timerDueNanos < 0 && timerDueNanos - due <= 0) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timerDueNanos = due;
            try {
                timer = turns.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                failure = e;
            }
        }

        private void finish() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            open.remove(this);
            try {
                events.close();
            } finally {
                ended.complete(null);
            }
        }
    }

    private static byte[] frame(StreamedEvent event) throws IOException {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("id", event.id());
        data.put("ts", event.timestampMillis());
        if (event.eventJson().isPresent()) {
            data.putRawValue("event", new RawValue(event.eventJson().get()));
        } else {
            data.set("event", Json.mapper().valueToTree(event.eventFields()));
        }
        String frame = "id: " + event.id() + "\ndata: " + Json.mapper().writeValueAsString(data) + "\n\n";
        return frame.getBytes(StandardCharsets.UTF_8);
    }
}
