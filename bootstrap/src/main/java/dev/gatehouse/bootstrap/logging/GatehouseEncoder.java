package dev.gatehouse.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The encoder of the stderr appender ({@link GatehouseLogging}): {@link KeyValueLayout} text, or one JSON object per
 * line from logstash-logback-encoder (with the logging context's {@code request_id} and access fields as
 * top-level keys). The format is chosen once for the process, by {@code GATEHOUSE_LOG_FORMAT} and then by
 * {@code serve --log-format}. The JSON encoder is made when the first JSON line is written: a start in the text
 * format does not spend its time setting up logstash-logback-encoder and its Jackson factory.
 */
public final class GatehouseEncoder extends EncoderBase<ILoggingEvent> {

    private static volatile LogFormat format = LogFormat.fromEnvironment();

    private final LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
    /** Made and started by {@link #json()} at the first JSON line. */
    private volatile LogstashEncoder json;

    /** Switches every Gatehouse encoder of the process to {@code chosen}. */
    public static void use(LogFormat chosen) {
        format = chosen;
    }

    public static LogFormat format() {
        return format;
    }

    @Override
    public void start() {
        KeyValueLayout layout = new KeyValueLayout();
        layout.setContext(getContext());
        layout.start();
        text.setContext(getContext());
        text.setLayout(layout);
        text.setCharset(StandardCharsets.UTF_8);
        text.start();
        super.start();
    }

    @Override
    public void stop() {
        text.stop();
        synchronized (this) {
            if (json != null) {
                json.stop();
                json = null; // a start after this stop makes a new one at its first JSON line
            }
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return format == LogFormat.JSON ? json().encode(event) : text.encode(event);
    }

    /** Whether a JSON line has been written, so that the JSON encoder was made. */
    boolean jsonStarted() {
        return json != null;
    }

    private LogstashEncoder json() {
        LogstashEncoder started = json;
        if (started == null) {
            synchronized (this) {
                started = json;
                if (started == null) {
                    started = new LogstashEncoder();
                    started.setContext(getContext());
                    started.start();
                    json = started;
                }
            }
        }
        return started;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
