package dev.gatehouse.adapter.in.http.edge;

import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.ClientAddress;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id and writes one access log line when it ends. The id is the caller's own
 * {@code X-Request-Id} when that is short and plain, or a new random one; it is echoed in the response and
 * put in the logging context (MDC {@code request_id}), so that every line logged while the request runs
 * carries it. The access line names the method, the path (never the query string), the status, the time
 * taken, the client's address and the principal ({@code user:u_…} or {@code client:<client_id>}); it never
 * holds a header, a body or a credential.
 */
public final class RequestLog {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_REQUEST_ID = "request_id";
    /** The logger of the access lines, so that they can be routed or silenced on their own. */
    public static final String ACCESS_LOGGER = "dev.gatehouse.access";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_LOGGED_PATH = 200;
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ClientAddress addresses;

    public RequestLog(ClientAddress addresses) {
        this.addresses = addresses;
    }

    /** Before every request: choose the id, echo it, and start the logging context. */
    public void begin(Context ctx) {
        MDC.clear();
        String incoming = ctx.header(HEADER);
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : newId();
        MDC.put(MDC_REQUEST_ID, id);
        ctx.header(HEADER, id);
    }

    /** After every request, whatever its outcome: the access line, then a clean context for the thread's next request. */
    public void end(Context ctx, float millis) {
        try {
            MDC.put("method", ctx.method().name());
            MDC.put("path", printable(ctx.path()));
            MDC.put("status", Integer.toString(ctx.statusCode()));
            MDC.put("duration_ms", tenths(millis));
            MDC.put("ip", addresses.of(ctx));
            String principal = ctx.attribute(BearerAuth.PRINCIPAL_ATTRIBUTE);
            MDC.put("principal", principal == null ? "-" : principal);
            ACCESS.info("request");
        } finally {
            MDC.clear();
        }
    }

    /** 32 lowercase hex digits: 128 random bits. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        hex(random.nextLong(), id, 0);
        hex(random.nextLong(), id, 16);
        return new String(id);
    }

    private static void hex(long value, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    /** Milliseconds with one decimal ({@code 0.3}, {@code 12.0}), as {@code %.1f} would write them, without a Formatter. */
    static String tenths(float millis) {
        if (!(millis >= 0) || millis >= Long.MAX_VALUE / 10f) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        long tenths = Math.round(millis * 10.0);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** The path as far as it is printable and not too long: it is the caller's text, not ours. */
    static String printable(String path) {
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LOGGED_PATH + 3));
        for (int i = 0; i < path.length() && i < MAX_LOGGED_PATH; i++) {
            char c = path.charAt(i);
            out.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        if (path.length() > MAX_LOGGED_PATH) {
            out.append("...");
        }
        return out.toString();
    }
}
