package dev.gatehouse.adapter.in.http.common;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads and drops what is left of a request body refused with {@code 413}, before the answer is sent.
 *
 * <p>A client that sends its whole body without asking first (no {@code Expect: 100-continue}: browsers, and
 * curl for bodies under 1 MiB) is still sending when the server refuses the body by its declared length. If the
 * server answered and closed the connection at once, the client's next write would meet a TCP reset, and a reset
 * drops the {@code 413} it had received but not yet read: it would see a broken connection instead of the answer.
 * So, as Tomcat does with its {@code maxSwallowSize}, up to {@value #MAX_BYTES} bytes are read and dropped, for at
 * most {@link #MAX_TIME} (and each read at most the idle timeout); a body declared larger than that is not read at
 * all, and the connection is closed after the answer as before. A request that asked first gets its answer
 * without any of its body being asked for.
 */
public final class RefusedBodies {

    /** At most this much of a refused body is read, as Tomcat's default {@code maxSwallowSize}. */
    static final long MAX_BYTES = 2L * 1024 * 1024;
    static final Duration MAX_TIME = Duration.ofSeconds(5);

    private RefusedBodies() {}

    /** Reads and drops the rest of {@code request}'s body, within the bounds above. */
    public static void swallow(HttpServletRequest request) {
        String expect = request.getHeader("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            return; // reading would ask the client for the body it offered to send
        }
        if (request.getContentLengthLong() > MAX_BYTES) {
            return;
        }
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        try {
            InputStream in = request.getInputStream();
            int n;
            while (read < MAX_BYTES && System.nanoTime() < deadline && (n = in.read(buffer)) != -1) {
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or broke its framing: there is no one left to read the answer, which is sent anyway
        }
    }
}
