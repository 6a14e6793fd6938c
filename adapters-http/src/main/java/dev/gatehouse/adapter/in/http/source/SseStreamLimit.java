package dev.gatehouse.adapter.in.http.source;

import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.SecuredHandler;
import dev.gatehouse.domain.principal.Principal;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the SSE streams one principal (a user or an OAuth client) holds open on this server at once: each stream
 * holds a socket, a queue and a share of the writers' time, so one credential must not take them all. The stream
 * past the cap is refused with 429 and a message that says so.
 */
public final class SseStreamLimit {

    /** Opens a stream; the future completes when the stream has ended. */
    @FunctionalInterface
    public interface StreamHandler {
        CompletableFuture<Void> open(Context ctx, Principal caller) throws Exception;
    }

    private final int maxPerPrincipal;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public SseStreamLimit(int maxPerPrincipal) {
        if (maxPerPrincipal < 1) {
            throw new IllegalArgumentException("each principal must be allowed at least one stream");
        }
        this.maxPerPrincipal = maxPerPrincipal;
    }

    /** Opens {@code stream} holding one of its principal's slots until it ends. */
    public SecuredHandler limit(StreamHandler stream) {
        return (ctx, caller) -> {
            String key = BearerAuth.describe(caller);
            if (!tryOpen(key)) {
                throw new ApiException(429, "too many open event streams: at most " + maxPerPrincipal
                        + " at once for each user or client; close one before opening another", Map.of("Retry-After", "1"));
            }
            CompletableFuture<Void> ended;
            try {
                ended = stream.open(ctx, caller);
            } catch (Exception | Error e) {
                close(key);
                throw e;
            }
            ended.whenComplete((done, failure) -> close(key));
        };
    }

    /** How many streams {@code principal} (as {@link BearerAuth#describe} names it) holds open now. */
    int openStreams(String principal) {
        return open.getOrDefault(principal, 0);
    }

    private boolean tryOpen(String key) {
        boolean[] opened = {false};
        open.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerPrincipal) {
                return now;
            }
            opened[0] = true;
            return now + 1;
        });
        return opened[0];
    }

    private void close(String key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
