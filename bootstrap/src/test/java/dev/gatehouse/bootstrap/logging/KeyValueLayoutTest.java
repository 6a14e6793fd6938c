package dev.gatehouse.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueLayoutTest {

    private final LoggerContext context = new LoggerContext();

    private String layout(String message, Map<String, String> mdc, Throwable error) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.gatehouse.adapter.in.http.edge.RequestLog"), Level.INFO,
                message, error, null);
        event.setMDCPropertyMap(mdc);
        event.setTimeStamp(1_700_000_000_123L);
        event.setThreadName("worker 1");
        return new KeyValueLayout().doLayout(event);
    }

    @Test
    void anEventIsOneLineOfPairsWithTheRequestIdBeforeTheMessage() {
        String line = layout("request", Map.of("request_id", "abc", "status", "200", "path", "/v1/users/me"), null);

        assertThat(line).isEqualTo("ts=2023-11-14T22:13:20.123Z level=INFO logger=dev.gatehouse.adapter.in.http.edge.RequestLog thread=\"worker 1\" "
                + "request_id=abc msg=request path=/v1/users/me status=200" + System.lineSeparator());
    }

    @Test
    void valuesThatCouldForgeAPairOrALineAreQuotedAndEscaped() {
        String line = layout("user said \"hi\"\nlevel=ERROR forged=1", Map.of(), null);

        assertThat(line.strip()).doesNotContain("\n").endsWith("msg=\"user said \\\"hi\\\"\\nlevel=ERROR forged=1\"");
    }

    @Test
    void aFailureKeepsItsStackOnTheSameLine() {
        String line = layout("boom", Map.of("request_id", "r1"), new IllegalStateException("bad\nstate"));

        assertThat(line.strip()).doesNotContain("\n").contains("request_id=r1", "error=\"java.lang.IllegalStateException: bad\\nstate\"",
                "stack=\"java.lang.IllegalStateException: bad\\nstate\\n\\tat ");
    }
}
