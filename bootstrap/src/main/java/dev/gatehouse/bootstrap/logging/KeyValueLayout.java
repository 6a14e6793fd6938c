package dev.gatehouse.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes each event as one line of {@code key=value} pairs: {@code ts}, {@code level}, {@code logger},
 * {@code thread}, {@code request_id} when the event happened during a request, {@code msg}, then every other
 * entry of the logging context (the access log's {@code method}, {@code path}, {@code status}…) and, for a
 * failure, {@code error} and {@code stack}. A value with a space, a quote, an equals sign or a control
 * character is quoted, with {@code \n}, {@code \"} and {@code \\} escaped, so that one event is always one
 * line and a line always parses back into its pairs.
 */
public final class KeyValueLayout extends LayoutBase<ILoggingEvent> {

    private static final String REQUEST_ID = "request_id";

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        pair(line, "ts", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp()).truncatedTo(ChronoUnit.MILLIS)));
        pair(line, "level", event.getLevel().toString());
        pair(line, "logger", event.getLoggerName());
        pair(line, "thread", event.getThreadName());
        Map<String, String> context = new TreeMap<>(event.getMDCPropertyMap());
        String requestId = context.remove(REQUEST_ID);
        if (requestId != null) {
            pair(line, REQUEST_ID, requestId);
        }
        pair(line, "msg", event.getFormattedMessage());
        context.forEach((key, value) -> pair(line, key, value));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            pair(line, "error", error.getClassName() + ": " + error.getMessage());
            pair(line, "stack", ThrowableProxyUtil.asString(error));
        }
        line.setLength(line.length() - 1);
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void pair(StringBuilder line, String key, String value) {
        line.append(key).append('=');
        quote(line, value == null ? "" : value);
        line.append(' ');
    }

    static void quote(StringBuilder out, String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\';
        }
        if (plain) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
